package com.geopera.api.messaging;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.ConsumedOffsets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.geopera.common.messaging.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads how far the workers' share group consumed each dispatch partition: a record below the offset given here was
 * consumed (workers accept a record once its STARTED is durable or it needed no run, reject it once dead-lettered, and
 * the broker archives one delivered too often). The group's start offset trails its last acknowledged records (it
 * moves past them only when newer ones are acknowledged), so the offset is the partition's end as read just before,
 * less the records the group reports as not yet consumed (its lag), and never below the start offset: the records
 * consumed out of order above the start offset are taken to be the earlier ones, which a record handed back
 * (released) while later ones were accepted can make look consumed for the moment it waits. A group no worker has
 * joined has no offsets.
 */
@ApplicationScoped
public class WorkerGroupOffsets implements ConsumedOffsets {
    private static final long READ_TIMEOUT_SECONDS = 10;

    @Inject
    ApiConfig config;
    @Inject
    KafkaAdmin kafka;
    @Inject
    Topics topics;

    @Override
    public Map<TopicPartition, Long> committed() {
        String group = config.reaper().workerGroup();
        try {
            // Ends first: the lag, read after them, counts every record before them that is not consumed.
            Map<TopicPartition, Long> endsBefore = endsOfDispatchTopics();
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin()
                    .listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                    .partitionsToOffsetInfo(group).get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> consumed = new HashMap<>();
            offsets.forEach((partition, info) -> {
                if (info != null) {
                    long end = endsBefore.getOrDefault(partition, info.startOffset());
                    consumed.put(partition, info.lag()
                            .map(lag -> Math.max(info.startOffset(), end - lag)).orElse(info.startOffset()));
                }
            });
            return consumed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the worker group's offsets", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new IllegalStateException("could not read the offsets of share group " + group + ": "
                    + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of share group " + group + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<TopicPartition, Long> endsOfDispatchTopics()
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> dispatch = admin().listTopics().names().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                .filter(topic -> topics.queueOf(topic) != null).toList();
        if (dispatch.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin().describeTopics(dispatch).allTopicNames().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(topic -> topic.partitions().forEach(p ->
                        latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin().listOffsets(latest).all().get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private Admin admin() {
        return kafka.get();
    }
}
