package com.geopera.api.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.WorkerEvents;
import com.geopera.api.store.TransientFailures;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads worker events from {@code <prefix>.jobs.events} (channel {@code job-events}). Unreadable records and events
 * that fail for good go to the dead-letter topic; an event whose database work failed transiently (a broken
 * connection, a restarting server, a lost deadlock) is applied again, with a growing pause, until it goes through:
 * the next events of the partition wait for it, so none is applied out of order or lost to the dead-letter topic.
 */
@ApplicationScoped
public class JobEventConsumer {
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);

    @Inject
    WorkerEvents events;
    @Inject
    ApiConfig config;

    @Incoming("job-events")
    @Blocking
    public void onEvent(String payload) throws JsonProcessingException, InterruptedException {
        JobEvent event = Json.mapper().readValue(payload, JobEvent.class);
        if (event.eventId() == null || event.jobId() == null || event.type() == null) {
            throw new IllegalArgumentException("event without event_id, job_id or type");
        }
        Duration pause = config.events().retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                events.apply(event, payload);
                return;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                LOG.warnf("event %s (%s, job %s) not applied, try %d: the database failed transiently (%s); "
                        + "trying again in %s", event.eventId(), event.type(), event.jobId(), attempt, e.getMessage(), pause);
                Thread.sleep(pause.toMillis());
                pause = min(pause.multipliedBy(2), config.events().retryMaxBackoff());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
