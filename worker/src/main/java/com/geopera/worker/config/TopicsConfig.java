package com.geopera.worker.config;

import com.geopera.common.messaging.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka topic naming shared with the api. */
@ConfigMapping(prefix = "geopera.topics")
public interface TopicsConfig {

    /** Prefix of every topic name, so environments and test runs can share a broker. */
    @WithDefault(Topics.DEFAULT_PREFIX)
    String prefix();

    /** The topic names under {@link #prefix()}. */
    default Topics topics() {
        return new Topics(prefix());
    }
}
