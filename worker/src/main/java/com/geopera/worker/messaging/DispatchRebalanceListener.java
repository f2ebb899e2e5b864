package com.geopera.worker.messaging;

import com.geopera.worker.service.DispatchPartitions;
import com.geopera.worker.service.WorkerMetrics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Rebalance listener of the {@code dispatch} channel ({@code consumer-rebalance-listener.name}). It runs on the
 * polling thread after the throttled commit strategy has committed what it knew to be processed: it takes back the
 * records of revoked partitions that still wait for a slot, waits for the ones whose STARTED is on its way, and
 * commits the revoked partitions up to their last acked record synchronously, before they go to another worker.
 */
@ApplicationScoped
@Identifier(DispatchRebalanceListener.NAME)
public class DispatchRebalanceListener implements KafkaConsumerRebalanceListener {
    public static final String NAME = "dispatch-rebalance";
    private static final Logger LOG = Logger.getLogger(DispatchRebalanceListener.class);
    /** How long a revocation waits for a record whose STARTED is being sent (normally milliseconds). */
    private static final Duration STARTING_WAIT = Duration.ofSeconds(10);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private final DispatchPartitions partitions;
    private final WorkerMetrics metrics;

    public DispatchRebalanceListener(DispatchPartitions partitions, WorkerMetrics metrics) {
        this.partitions = partitions;
        this.metrics = metrics;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> added) {
        int revoked = partitions.assigned(added, consumer.groupMetadata().generationId(), consumer.assignment());
        if (revoked > 0) {
            LOG.infof("%d waiting dispatch record(s) of partitions lost without revocation were dropped", revoked);
            metrics.revoked(revoked);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
        DispatchPartitions.Revocation revocation = partitions.revoke(revoked, STARTING_WAIT);
        metrics.revoked(revocation.revokedWaiting());
        if (revocation.stillStarting() > 0) {
            LOG.warnf("%d dispatch record(s) of revoked partitions still not acked after %s; their partitions are "
                    + "not committed past them", revocation.stillStarting(), STARTING_WAIT);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        revocation.commitOffsets().forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        if (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets, COMMIT_TIMEOUT);
            } catch (WakeupException | InterruptException e) {
                throw e;
            } catch (KafkaException e) {
                // Lost rather than revoked (no longer a member): the records may then run twice (at-least-once).
                LOG.warnf("could not commit %s on revocation: %s", offsets, e.getMessage());
            }
        }
        LOG.infof("dispatch partitions revoked: %s; %d waiting record(s) handed over, committed %s", revoked,
                revocation.revokedWaiting(), offsets);
    }
}
