package com.geopera.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.Job;
import com.geopera.api.store.OutboxStore;
import com.geopera.common.id.Ids;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.ControlCommand;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.Topics;
import com.geopera.common.process.InputPin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Writes the Kafka commands a job change announces into the outbox, inside the caller's transaction, and announces
 * each write ({@link OutboxWritten}) so that the relay publishes once that transaction has committed.
 */
@ApplicationScoped
public class Commands {
    @Inject
    OutboxStore outbox;
    @Inject
    Topics topics;
    @Inject
    Event<OutboxWritten> written;

    /** A DispatchJob for the job's current attempt on its queue's topic. */
    public void dispatch(Job job, Instant now) {
        String commandId = Ids.next("cmd");
        DispatchJob command = new DispatchJob(DispatchJob.SCHEMA_VERSION, commandId, job.jobId, job.attempt(), job.orgId,
                job.processId, job.processVersion, job.queue, job.inputs, job.reservedCredits(), now, pins(job));
        write(topics.dispatch(job.queue), job.jobId, commandId, CloudEventHeaders.TYPE_DISPATCH, command, now);
    }

    private static List<InputPin> pins(Job job) {
        if (job.inputPins == null || job.inputPins.isNull()) {
            return List.of();
        }
        try {
            return List.of(Json.mapper().treeToValue(job.inputPins, InputPin[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored input pins of " + job.jobId + " are unreadable", e);
        }
    }

    /** A CANCEL signal on the control topic. */
    public void cancel(Job job, Instant now) {
        String commandId = Ids.next("cmd");
        ControlCommand command = new ControlCommand(ControlCommand.SCHEMA_VERSION, commandId, ControlCommand.Type.CANCEL,
                job.jobId, now);
        write(topics.control(), job.jobId, commandId, CloudEventHeaders.TYPE_CONTROL, command, now);
    }

    /** A CANCEL of one attempt the api no longer expects (it was superseded by a newer one). */
    public void cancelAttempt(Job job, int attempt, Instant now) {
        String commandId = Ids.next("cmd");
        ControlCommand command = new ControlCommand(ControlCommand.SCHEMA_VERSION, commandId, ControlCommand.Type.CANCEL,
                job.jobId, now, attempt);
        write(topics.control(), job.jobId, commandId, CloudEventHeaders.TYPE_CONTROL, command, now);
    }

    private void write(String topic, String key, String id, String type, Object record, Instant now) {
        try {
            outbox.insert(topic, key, id, type, Json.mapper().writeValueAsString(record), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        written.fire(new OutboxWritten());
    }
}
