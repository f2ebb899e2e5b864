package com.geopera.api.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.service.WorkerEvents;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads worker events from {@code <prefix>.jobs.events} (channel {@code job-events}). Unreadable records fail and go
 * to the dead-letter topic; everything else is handed to {@link WorkerEvents}.
 */
@ApplicationScoped
public class JobEventConsumer {
    @Inject
    WorkerEvents events;

    @Incoming("job-events")
    @Blocking
    public void onEvent(String payload) throws JsonProcessingException {
        JobEvent event = Json.mapper().readValue(payload, JobEvent.class);
        if (event.eventId() == null || event.jobId() == null || event.type() == null) {
            throw new IllegalArgumentException("event without event_id, job_id or type");
        }
        events.apply(event, payload);
    }
}
