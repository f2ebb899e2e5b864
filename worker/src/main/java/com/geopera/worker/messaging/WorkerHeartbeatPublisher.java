package com.geopera.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.WorkerHeartbeat;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes this worker's heartbeat on {@code <prefix>.workers.heartbeats}, keyed by worker id. Fire and forget: the
 * next one follows a heartbeat interval later, so one lost to a full buffer or a broker outage costs nothing.
 */
@ApplicationScoped
public class WorkerHeartbeatPublisher {
    private static final int BUFFER_HEARTBEATS = 16;
    private final Emitter<String> emitter;

    public WorkerHeartbeatPublisher(@Channel("worker-heartbeats") @OnOverflow(value = OnOverflow.Strategy.DROP,
            bufferSize = BUFFER_HEARTBEATS) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(WorkerHeartbeat heartbeat) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(heartbeat);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unwritable worker heartbeat", e);
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(heartbeat.workerId()).build();
        emitter.send(Message.of(json, Metadata.of(kafka)));
    }
}
