package com.geopera.api.service;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the workers' consumer group has read the dispatch topics: a record below its partition's offset here was
 * taken by a worker. The reaper asks it; the Kafka side (messaging) answers.
 */
public interface ConsumedOffsets {
    /** The group's next offset to consume, per partition it committed on. Throws when the broker does not answer. */
    Map<TopicPartition, Long> committed();
}
