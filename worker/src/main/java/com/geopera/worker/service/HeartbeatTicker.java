package com.geopera.worker.service;

import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import com.geopera.worker.config.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every heartbeat interval: sends a HEARTBEAT for each running attempt (the api's reaper re-dispatches attempts
 * whose heartbeats stop) and stops attempts that ran past the job timeout.
 */
@ApplicationScoped
public class HeartbeatTicker {
    private static final Logger LOG = Logger.getLogger(HeartbeatTicker.class);
    private final RunningJobs runningJobs;
    private final JobEvents events;
    private final Clock clock;
    private final Duration interval;
    private final Duration jobTimeout;
    private ScheduledExecutorService timer;

    public HeartbeatTicker(RunningJobs runningJobs, JobEvents events, Clock clock, WorkerConfig config) {
        this.runningJobs = runningJobs;
        this.events = events;
        this.clock = clock;
        this.interval = config.heartbeatInterval();
        this.jobTimeout = config.jobTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "geopera-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One round: time out overdue attempts, heartbeat the others. */
    void tick() {
        for (RunningJob job : runningJobs.all()) {
            try {
                if (clock.instant().isAfter(job.startedAt().plus(jobTimeout))) {
                    job.stop(StopReason.TIMED_OUT);
                } else {
                    // Also while a stop is under way: the attempt is alive until it reports its end.
                    job.report(events.heartbeat(job.command(), job.lastProgressPercent()));
                }
            } catch (RuntimeException e) {
                // One bad send must never stop the timer (scheduleAtFixedRate cancels on an exception).
                LOG.warnf("heartbeat of job %s failed: %s", job.jobId(), e.getMessage());
            }
        }
    }
}
