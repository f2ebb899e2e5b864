package com.geopera.worker.service;

import com.geopera.common.json.Json;
import com.geopera.common.retry.Backoff;
import com.geopera.imagery.ImageryEngine;
import com.geopera.worker.config.StorageConfig;
import com.geopera.worker.config.TopicsConfig;
import com.geopera.worker.config.WorkerConfig;
import com.geopera.worker.engine.ProcessRunner;
import com.geopera.worker.messaging.DispatchShareGroup;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;
import java.time.Duration;

/** Wires the plain service classes (kept free of CDI so they are tested as plain JUnit) from configuration. */
@ApplicationScoped
public class WorkerServices {
    /** Time beyond the shutdown grace an ending worker gets before it is halted. */
    private static final Duration HALT_MARGIN = Duration.ofSeconds(30);

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ProcessRunner processRunner(ImageryEngine engine, WorkerMetrics metrics) {
        // Timed per process: the time spent inside the imagery engine (GDAL) is what operators size workers by.
        return (request, progress, cancellation) -> {
            long began = System.nanoTime();
            try {
                return engine.run(request, progress, cancellation);
            } finally {
                metrics.engineTime(request.processId(), java.time.Duration.ofNanos(System.nanoTime() - began));
            }
        };
    }

    @Produces
    @Singleton
    JobEvents jobEvents(WorkerConfig config, Clock clock) {
        return new JobEvents(config.id(), clock);
    }

    @Produces
    @Singleton
    OutputStorage outputStorage(StorageConfig config) {
        return new OutputStorage(config.root());
    }

    @Produces
    @Singleton
    RunningJobs runningJobs(WorkerConfig config, Clock clock) {
        return new RunningJobs(config.cancelMemory(), clock);
    }

    @Produces
    @Singleton
    JobSlots jobSlots(WorkerConfig config) {
        return new JobSlots(config.maxConcurrentJobs());
    }

    @Produces
    @Singleton
    JobWatchdog jobWatchdog(RunningJobs runningJobs, JobLauncher launcher, JobEvents events, WorkerConfig config,
                            Clock clock) {
        Duration haltAfter = config.shutdownGrace().plus(HALT_MARGIN);
        return new JobWatchdog(runningJobs, launcher, events, clock, config.jobTimeout(),
                config.watchdog().stopGrace(), config.watchdog().exitGrace(), (status, reason) -> {
                    // The orderly exit waits for running jobs up to the shutdown grace; the stuck native thread may
                    // hold up more of it, so a halt follows if the process is still there.
                    Thread halt = new Thread(() -> {
                        try {
                            Thread.sleep(haltAfter.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        Runtime.getRuntime().halt(status);
                    }, "geopera-exit-halt");
                    halt.setDaemon(true);
                    halt.start();
                    Quarkus.asyncExit(status);
                });
    }

    @Produces
    @Singleton
    WorkerStatus workerStatus(WorkerConfig config, JobSlots slots, RunningJobs runningJobs,
                              DispatchShareGroup dispatchGroup, Clock clock,
                              @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
                              String version) {
        return new WorkerStatus(config.id(), version, config.queues(), slots, runningJobs,
                dispatchGroup::assignedPartitions, clock);
    }

    @Produces
    @Singleton
    DispatchValidator dispatchValidator(TopicsConfig topics, ImageryEngine engine) {
        return new DispatchValidator(Json.mapper(), topics.topics(), engine::process);
    }

    @Produces
    @Singleton
    AttemptExecutor attemptExecutor(ProcessRunner runner, ImageryEngine engine, OutputStorage storage,
                                    JobEvents events, WorkerConfig config, Clock clock) {
        WorkerConfig.Retry retry = config.retry();
        WorkerConfig.Progress progress = config.progress();
        return new AttemptExecutor(runner, new RunPreconditions(engine), storage, events,
                new Backoff(retry.maxTries(), retry.initialBackoff(), retry.maxBackoff()),
                () -> new ProgressThrottle(progress.minInterval(), clock),
                config.jobTimeout(), clock);
    }
}
