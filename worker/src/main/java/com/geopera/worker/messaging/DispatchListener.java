package com.geopera.worker.messaging;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.Topics;
import com.geopera.worker.Admission;
import com.geopera.worker.RejectedDispatchException;
import com.geopera.worker.config.TopicsConfig;
import com.geopera.worker.service.DispatchValidator;
import com.geopera.worker.service.JobLauncher;
import com.geopera.worker.service.WorkerMetrics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes dispatch commands of the served queues. Records are handled one at a time: the returned stage
 * completes once the job got a slot and STARTED is durable, so a busy worker stops asking for records and the
 * connector pauses its partitions. Poison records are dead-lettered to {@code <topic>.dlq}.
 */
@ApplicationScoped
public class DispatchListener {
    private static final Logger LOG = Logger.getLogger(DispatchListener.class);
    private final DispatchValidator validator;
    private final JobLauncher launcher;
    private final WorkerMetrics metrics;
    private final Topics topics;

    public DispatchListener(DispatchValidator validator, JobLauncher launcher, WorkerMetrics metrics,
                            TopicsConfig topicsConfig) {
        this.validator = validator;
        this.launcher = launcher;
        this.metrics = metrics;
        this.topics = topicsConfig.topics();
    }

    @Incoming("dispatch")
    public CompletionStage<Void> onDispatch(Message<String> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic).orElse(null);
        DispatchJob job;
        try {
            job = validator.validate(topic, message.getPayload());
        } catch (RejectedDispatchException e) {
            LOG.warnf("dead-lettering a record of %s: %s", topic, e.getMessage());
            metrics.deadLettered();
            return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder()
                    .withTopic(topics.deadLetter(topic)).build()));
        }
        return launcher.admit(job)
                .thenCompose(admission -> admission == Admission.REFUSED
                        ? CompletableFuture.<Void>completedFuture(null)
                        : message.ack())
                .exceptionally(failure -> {
                    // Left uncommitted: the record is delivered again after a restart or rebalance.
                    LOG.errorf("job %s attempt %d not admitted: %s", job.jobId(), job.attempt(),
                            failure.getMessage());
                    return null;
                });
    }
}
