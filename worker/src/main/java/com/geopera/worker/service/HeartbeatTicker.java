package com.geopera.worker.service;

import com.geopera.worker.RunningJob;
import com.geopera.worker.config.WorkerConfig;
import com.geopera.worker.messaging.WorkerHeartbeatPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every heartbeat interval: lets the {@link JobWatchdog} enforce the job time limit, then sends a HEARTBEAT for each
 * running attempt (the api's reaper re-dispatches attempts whose heartbeats stop), then the worker's own heartbeat
 * (what operators see of this worker).
 */
@ApplicationScoped
public class HeartbeatTicker {
    private static final Logger LOG = Logger.getLogger(HeartbeatTicker.class);
    private final RunningJobs runningJobs;
    private final JobEvents events;
    private final JobWatchdog watchdog;
    private final WorkerStatus status;
    private final WorkerHeartbeatPublisher workerHeartbeats;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public HeartbeatTicker(RunningJobs runningJobs, JobEvents events, JobWatchdog watchdog, WorkerStatus status,
                           WorkerHeartbeatPublisher workerHeartbeats, WorkerConfig config) {
        this.runningJobs = runningJobs;
        this.events = events;
        this.watchdog = watchdog;
        this.status = status;
        this.workerHeartbeats = workerHeartbeats;
        this.interval = config.heartbeatInterval();
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "geopera-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        // The first tick at once: operators see a new worker (and its partitions soon after) without waiting.
        timer.scheduleAtFixedRate(this::tick, 0, millis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round: the time limit first (an abandoned attempt sends no heartbeat), then the heartbeats. */
    void tick() {
        try {
            watchdog.check();
        } catch (RuntimeException e) {
            LOG.warnf("watchdog check failed: %s", e.getMessage());
        }
        for (RunningJob job : runningJobs.all()) {
            try {
                // Also while a stop is under way: the attempt is alive until it reports its end.
                job.report(events.heartbeat(job.command(), job.lastProgressPercent()));
            } catch (RuntimeException e) {
                // One bad send must never stop the timer (scheduleAtFixedRate cancels on an exception).
                LOG.warnf("heartbeat of job %s failed: %s", job.jobId(), e.getMessage());
            }
        }
        try {
            workerHeartbeats.publish(status.heartbeat());
        } catch (RuntimeException e) {
            LOG.warnf("worker heartbeat failed: %s", e.getMessage());
        }
    }
}
