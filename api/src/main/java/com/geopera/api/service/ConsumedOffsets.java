package com.geopera.api.service;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the workers' share group has consumed the dispatch topics: a record below its partition's offset here (the
 * group's start offset) was taken by a worker. The reaper and the ops views ask it; the Kafka side (messaging)
 * answers.
 */
public interface ConsumedOffsets {
    /** The group's start offset per partition it has read. Throws when the broker does not answer. */
    Map<TopicPartition, Long> committed();
}
