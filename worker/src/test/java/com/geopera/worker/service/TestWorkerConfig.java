package com.geopera.worker.service;

import com.geopera.worker.config.WorkerConfig;
import java.time.Duration;
import java.util.List;

/** A {@link WorkerConfig} with the defaults of the configuration mapping, for services built by hand in tests. */
final class TestWorkerConfig implements WorkerConfig {
    private final int slots;

    private TestWorkerConfig(int slots) {
        this.slots = slots;
    }

    static WorkerConfig withSlots(int slots) {
        return new TestWorkerConfig(slots);
    }

    @Override
    public String id() {
        return "w1";
    }

    @Override
    public List<String> queues() {
        return List.of("clip");
    }

    @Override
    public int maxConcurrentJobs() {
        return slots;
    }

    @Override
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration jobTimeout() {
        return Duration.ofMinutes(30);
    }

    @Override
    public Watchdog watchdog() {
        return new Watchdog() {
            @Override
            public Duration stopGrace() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration exitGrace() {
                return Duration.ofSeconds(60);
            }
        };
    }

    @Override
    public Duration shutdownGrace() {
        return Duration.ofSeconds(20);
    }

    @Override
    public Duration cancelMemory() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Progress progress() {
        return () -> Duration.ofSeconds(1);
    }

    @Override
    public Retry retry() {
        return new Retry() {
            @Override
            public int maxTries() {
                return 3;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofSeconds(15);
            }
        };
    }
}
