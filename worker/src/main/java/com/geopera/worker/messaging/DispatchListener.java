package com.geopera.worker.messaging;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.Topics;
import com.geopera.worker.Admission;
import com.geopera.worker.HeldDispatch;
import com.geopera.worker.RejectedDispatchException;
import com.geopera.worker.config.TopicsConfig;
import com.geopera.worker.service.DispatchPartitions;
import com.geopera.worker.service.DispatchValidator;
import com.geopera.worker.service.JobLauncher;
import com.geopera.worker.service.WorkerMetrics;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Consumes dispatch commands of the served queues. Records are handled one at a time: the returned stage
 * completes once the job got a slot and STARTED is durable, so a busy worker stops asking for records and the
 * connector pauses its partitions. Poison records are dead-lettered to {@code <topic>.dlq}. Every record is held
 * in {@link DispatchPartitions} until it is acked or let go, so a rebalance can take back the ones still waiting.
 */
@ApplicationScoped
public class DispatchListener {
    private static final Logger LOG = Logger.getLogger(DispatchListener.class);
    private final DispatchValidator validator;
    private final JobLauncher launcher;
    private final DispatchPartitions partitions;
    private final WorkerMetrics metrics;
    private final Topics topics;

    public DispatchListener(DispatchValidator validator, JobLauncher launcher, DispatchPartitions partitions,
                            WorkerMetrics metrics, TopicsConfig topicsConfig) {
        this.validator = validator;
        this.launcher = launcher;
        this.partitions = partitions;
        this.metrics = metrics;
        this.topics = topicsConfig.topics();
    }

    @Incoming("dispatch")
    public CompletionStage<Void> onDispatch(Message<String> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElse(null);
        String topic = kafka == null ? null : kafka.getTopic();
        Optional<HeldDispatch> taken = kafka == null
                ? Optional.of(new HeldDispatch("unknown", -1))
                : partitions.take(new TopicPartition(topic, kafka.getPartition()), kafka.getOffset(),
                        kafka.getConsumerGroupGenerationId());
        if (taken.isEmpty()) {
            // Fetched before its partition was revoked: the partition's new owner reads it from the committed offset.
            LOG.infof("dropping %s-%d@%d: its partition is no longer this worker's", topic, kafka.getPartition(),
                    kafka.getOffset());
            metrics.revoked(1);
            return CompletableFuture.completedFuture(null);
        }
        HeldDispatch record = taken.get();
        DispatchJob job;
        try {
            job = validator.validate(topic, message.getPayload());
        } catch (RejectedDispatchException e) {
            if (!record.start()) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.warnf("dead-lettering a record of %s: %s", topic, e.getMessage());
            metrics.deadLettered();
            return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder()
                    .withTopic(topics.deadLetter(topic)).build()))
                    .whenComplete((done, failure) -> {
                        if (failure == null) {
                            record.acknowledged(); // the dead-letter strategy acks it once written
                        } else {
                            record.unacknowledged();
                        }
                    });
        }
        return launcher.admit(job, record)
                .thenCompose(admission -> {
                    if (admission.acknowledges()) {
                        record.acknowledged(); // before the ack: a revocation from now on commits past it
                        return message.ack();
                    }
                    if (admission == Admission.REVOKED) {
                        LOG.infof("job %s attempt %d: its partition went to another worker while it waited for a "
                                + "slot; not running it here", job.jobId(), job.attempt());
                    }
                    record.unacknowledged();
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .exceptionally(failure -> {
                    // Left uncommitted: the record is delivered again after a restart or rebalance.
                    record.unacknowledged();
                    LOG.errorf("job %s attempt %d not admitted: %s", job.jobId(), job.attempt(),
                            failure.getMessage());
                    return null;
                });
    }
}
