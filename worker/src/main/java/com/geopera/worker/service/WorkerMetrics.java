package com.geopera.worker.service;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Prometheus metrics of the worker: running jobs, slots, outcomes, dead-lettered commands, commands released to
 * another worker, run durations, time inside the imagery engine and bytes read and written per process
 * (names in docs/OPERATIONS-GUIDE.md).
 */
@Startup
@Singleton
public class WorkerMetrics {
    private final Counter completed;
    private final Counter failed;
    private final Counter cancelled;
    private final Counter deadLettered;
    private final Counter released;
    private final Timer runDuration;
    private final MeterRegistry registry;

    // Gauges hold their object strongly: with Micrometer's default weak reference a gauge whose object was
    // collected reads NaN, and the Prometheus text then left geopera_worker_jobs_running out (WorkerOverKafkaTest).
    public WorkerMetrics(MeterRegistry registry, RunningJobs runningJobs, JobSlots slots) {
        this.registry = registry;
        Gauge.builder("geopera.worker.jobs.running", runningJobs, RunningJobs::count)
                .description("Job attempts running on this worker").strongReference(true).register(registry);
        Gauge.builder("geopera.worker.slots", slots, JobSlots::inUse).tag("state", "busy")
                .description("Job slots of this worker, by state").strongReference(true).register(registry);
        Gauge.builder("geopera.worker.slots", slots, s -> Math.max(0, s.capacity() - s.inUse())).tag("state", "free")
                .description("Job slots of this worker, by state").strongReference(true).register(registry);
        completed = outcome(registry, "completed");
        failed = outcome(registry, "failed");
        cancelled = outcome(registry, "cancelled");
        deadLettered = Counter.builder("geopera.worker.dispatch.dead.lettered")
                .description("Dispatch records sent to a dead-letter topic").register(registry);
        released = Counter.builder("geopera.worker.dispatch.released")
                .description("Dispatch records handed back to the share group without running here (shutting down, "
                        + "STARTED refused by the broker), for another worker to run").register(registry);
        runDuration = Timer.builder("geopera.worker.job.duration")
                .description("Wall time of job attempts on this worker").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("geopera.worker.jobs." + outcome)
                .description("Job attempts that ended " + outcome + " on this worker").register(registry);
    }

    /** Time one run spent inside the imagery engine (GDAL), by process. */
    public void engineTime(String processId, Duration took) {
        Counter.builder("geopera.worker.gdal.seconds").tag("process", processId)
                .description("Time spent inside the imagery engine (GDAL), by process").register(registry)
                .increment(took.toNanos() / 1e9);
    }

    /**
     * Counts how an attempt ended (nothing for an attempt left to the reaper on shutdown); a completed one adds the
     * bytes it read (its pinned input sizes) and wrote (its outputs).
     */
    public void ended(DispatchJob command, JobEvent terminal, Duration took) {
        runDuration.record(took);
        if (terminal == null) {
            return;
        }
        if (terminal.type() == JobEventType.COMPLETED) {
            long read = command.inputPins() == null ? 0 : command.inputPins().stream()
                    .mapToLong(pin -> pin.sizeBytes() == null ? 0 : pin.sizeBytes()).sum();
            long written = terminal.outputs() == null ? 0 : terminal.outputs().stream()
                    .mapToLong(JobOutput::sizeBytes).sum();
            bytes("read", command.processId()).increment(read);
            bytes("written", command.processId()).increment(written);
        }
        switch (terminal.type()) {
            case COMPLETED -> completed.increment();
            case FAILED -> failed.increment();
            case CANCELLED -> cancelled.increment();
            default -> { }
        }
    }

    private Counter bytes(String direction, String processId) {
        return Counter.builder("geopera.worker.bytes." + direction).tag("process", processId)
                .description("Bytes " + direction + " by completed runs, by process").register(registry);
    }

    public void deadLettered() {
        deadLettered.increment();
    }

    public void released() {
        released.increment();
    }
}
