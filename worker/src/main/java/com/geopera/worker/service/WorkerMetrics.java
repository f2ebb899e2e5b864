package com.geopera.worker.service;

import com.geopera.common.messaging.JobEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Prometheus metrics of the worker: running jobs, outcomes, dead-lettered commands, commands handed to another
 * worker on a rebalance, run durations.
 */
@Startup
@Singleton
public class WorkerMetrics {
    private final Counter completed;
    private final Counter failed;
    private final Counter cancelled;
    private final Counter deadLettered;
    private final Counter revoked;
    private final Timer runDuration;

    public WorkerMetrics(MeterRegistry registry, RunningJobs runningJobs) {
        Gauge.builder("geopera.worker.jobs.running", runningJobs, RunningJobs::count)
                .description("Job attempts running on this worker").register(registry);
        completed = outcome(registry, "completed");
        failed = outcome(registry, "failed");
        cancelled = outcome(registry, "cancelled");
        deadLettered = Counter.builder("geopera.worker.dispatch.dead.lettered")
                .description("Dispatch records sent to a dead-letter topic").register(registry);
        revoked = Counter.builder("geopera.worker.dispatch.revoked")
                .description("Dispatch records not run here because their partition moved to another worker before "
                        + "they started").register(registry);
        runDuration = Timer.builder("geopera.worker.job.duration")
                .description("Wall time of job attempts on this worker").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("geopera.worker.jobs." + outcome)
                .description("Job attempts that ended " + outcome + " on this worker").register(registry);
    }

    /** Counts how an attempt ended (nothing for an attempt left to the reaper on shutdown). */
    public void ended(JobEvent terminal, Duration took) {
        runDuration.record(took);
        if (terminal == null) {
            return;
        }
        switch (terminal.type()) {
            case COMPLETED -> completed.increment();
            case FAILED -> failed.increment();
            case CANCELLED -> cancelled.increment();
            default -> { }
        }
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void revoked(int records) {
        revoked.increment(records);
    }
}
