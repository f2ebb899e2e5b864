package com.geopera.api.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads where the logs of topics start and end, per partition: with the worker share group's start offsets
 * ({@link WorkerGroupOffsets}) that is each queue's backlog; for a dead-letter topic, how many records it holds.
 */
@ApplicationScoped
public class TopicOffsets {
    private static final long READ_TIMEOUT_SECONDS = 10;

    @Inject
    KafkaAdmin kafka;

    /** One partition's log: first offset still kept and the offset the next record gets. */
    public record Log(TopicPartition partition, long start, long end) {
    }

    /** The logs of those of these topics that exist. Throws when the broker does not answer. */
    public List<Log> logs(Collection<String> topics) {
        try {
            Set<String> existing = admin().listTopics().names().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> wanted = topics.stream().filter(existing::contains).toList();
            if (wanted.isEmpty()) {
                return List.of();
            }
            Map<String, TopicDescription> described = admin().describeTopics(wanted).allTopicNames()
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(p -> {
                TopicPartition partition = new TopicPartition(topic.name(), p.partition());
                earliest.put(partition, OffsetSpec.earliest());
                latest.put(partition, OffsetSpec.latest());
            }));
            Map<TopicPartition, ListOffsetsResultInfo> starts = admin().listOffsets(earliest).all()
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(latest).all()
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<Log> logs = new ArrayList<>();
            ends.forEach((partition, end) -> logs.add(new Log(partition, starts.get(partition).offset(), end.offset())));
            return logs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of " + topics + ": " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        return kafka.get();
    }
}
