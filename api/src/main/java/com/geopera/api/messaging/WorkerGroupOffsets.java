package com.geopera.api.messaging;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.ConsumedOffsets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the workers' consumer group offsets: a dispatch record below its partition's committed offset was consumed
 * (workers commit a record once its STARTED is durable, or once they dropped or dead-lettered it).
 */
@ApplicationScoped
public class WorkerGroupOffsets implements ConsumedOffsets {
    private static final long READ_TIMEOUT_SECONDS = 10;

    @Inject
    ApiConfig config;
    @Inject
    KafkaAdmin kafka;

    @Override
    public Map<TopicPartition, Long> committed() {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin().listConsumerGroupOffsets(config.reaper().workerGroup()).partitionsToOffsetAndMetadata()
                    .get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the worker group's offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the offsets of group " + config.reaper().workerGroup()
                    + ": " + e.getMessage(), e);
        }
        Map<TopicPartition, Long> next = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                next.put(partition, offset.offset());
            }
        });
        return next;
    }

    private Admin admin() {
        return kafka.get();
    }
}
