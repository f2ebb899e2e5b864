package com.geopera.worker.service;

import com.geopera.worker.RunningJob;
import com.geopera.worker.messaging.WorkerHeartbeatPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every heartbeat interval: lets the {@link JobWatchdog} enforce the job time limit, then sends a HEARTBEAT for each
 * running attempt (the api's reaper re-dispatches attempts whose heartbeats stop), then the worker's own heartbeat
 * (what operators see of this worker). Run by the Quarkus scheduler every {@code geopera.worker.heartbeat-interval};
 * the first tick comes right after start, so operators see a new worker (and soon its partitions) without waiting.
 */
@ApplicationScoped
public class HeartbeatTicker {
    private static final Logger LOG = Logger.getLogger(HeartbeatTicker.class);
    private final RunningJobs runningJobs;
    private final JobEvents events;
    private final JobWatchdog watchdog;
    private final WorkerStatus status;
    private final WorkerHeartbeatPublisher workerHeartbeats;

    public HeartbeatTicker(RunningJobs runningJobs, JobEvents events, JobWatchdog watchdog, WorkerStatus status,
                           WorkerHeartbeatPublisher workerHeartbeats) {
        this.runningJobs = runningJobs;
        this.events = events;
        this.watchdog = watchdog;
        this.status = status;
        this.workerHeartbeats = workerHeartbeats;
    }

    /**
     * One round: the time limit first (an abandoned attempt sends no heartbeat), then the heartbeats. A round still
     * running when the next is due (a slow broker) is not doubled: the due one is skipped. Nothing is sent before the
     * app has started (its Kafka channels are wired at start).
     */
    @Scheduled(identity = "heartbeat", every = "${geopera.worker.heartbeat-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
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
                // One bad send must not cost the other attempts their heartbeat.
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
