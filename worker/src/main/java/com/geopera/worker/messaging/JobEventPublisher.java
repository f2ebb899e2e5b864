package com.geopera.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.JobEvent;
import com.geopera.worker.JobEventSink;
import com.geopera.worker.config.WorkerConfig;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes job events on {@code <prefix>.jobs.events}: JSON value, job id as key (one job's events stay in
 * order on one partition), CloudEvents binary-mode headers. The returned stage completes on the broker's ack.
 */
@ApplicationScoped
public class JobEventPublisher implements JobEventSink {
    private static final int BUFFER_EVENTS = 4096;
    private final Emitter<String> emitter;
    private final String source;

    public JobEventPublisher(@Channel("job-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = BUFFER_EVENTS) Emitter<String> emitter, WorkerConfig config) {
        this.emitter = emitter;
        this.source = "/geopera/worker/" + config.id();
    }

    @Override
    public CompletionStage<Void> publish(JobEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        String json;
        try {
            json = Json.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            acknowledged.completeExceptionally(e);
            return acknowledged;
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.jobId())
                .withHeaders(headers(event))
                .build();
        emitter.send(Message.of(json, Metadata.of(kafka),
                () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acknowledged;
    }

    private RecordHeaders headers(JobEvent event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.of(event.eventId(), CloudEventHeaders.TYPE_EVENT, source, event.occurredAt())
                .forEach(headers::add);
        return headers;
    }
}
