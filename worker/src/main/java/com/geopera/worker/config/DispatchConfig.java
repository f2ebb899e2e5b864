package com.geopera.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** How the worker takes dispatch commands from its share group (docs/WORKER.md, "Dispatch"). */
@ConfigMapping(prefix = "geopera.dispatch")
public interface DispatchConfig {

    /**
     * The workers' share group on the dispatch topics. The api reads its start offsets
     * ({@code geopera.reaper.worker-group} must name the same group).
     */
    @WithDefault("${geopera.topics.prefix}-dispatch")
    String group();

    /**
     * The topics consumed, {@code <prefix>.jobs.dispatch.<queue>} for every served queue; derived from
     * {@code geopera.topics.prefix} and {@code geopera.worker.queues} ({@link DerivedConfigSourceFactory}).
     */
    List<String> topics();

    /** How long one poll waits for a record while this worker has a free slot. */
    @WithDefault("100ms")
    Duration pollTimeout();

    /** How long the acknowledgements of handled records may take to commit before the consumer goes on. */
    @WithDefault("10s")
    Duration commitTimeout();

    /** On shutdown, how long records already taken may take to be started or handed back before the consumer closes. */
    @WithDefault("10s")
    Duration drainTimeout();
}
