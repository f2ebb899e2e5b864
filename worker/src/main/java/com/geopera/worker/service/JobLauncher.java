package com.geopera.worker.service;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.worker.Admission;
import com.geopera.worker.JobEventSink;
import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import com.geopera.worker.config.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Admits dispatch commands into this worker's bounded set of job slots and runs each admitted one on a job thread
 * (the slots, not the pool, bound how many run). A command is admitted once a slot is free and its STARTED event is
 * durable; only then is the dispatch record accepted (see docs/WORKER.md, "Acknowledgement").
 */
@ApplicationScoped
public class JobLauncher {
    private static final Logger LOG = Logger.getLogger(JobLauncher.class);
    private static final long STOP_WAIT_SECONDS = 10;

    private final JobSlots slots;
    private final RunningJobs runningJobs;
    private final AttemptExecutor executor;
    private final JobEvents events;
    private final JobEventSink sink;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final ExecutorService pool;
    private final AtomicBoolean accepting = new AtomicBoolean(true);

    public JobLauncher(JobSlots slots, RunningJobs runningJobs, AttemptExecutor executor, JobEvents events,
                       JobEventSink sink, WorkerMetrics metrics, Clock clock, WorkerConfig config) {
        this.slots = slots;
        this.runningJobs = runningJobs;
        this.executor = executor;
        this.events = events;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.shutdownGrace = config.shutdownGrace();
        AtomicInteger threadNumber = new AtomicInteger();
        // Threads are made as needed; the slots bound how many runs are admitted. A fixed pool of slot size would
        // leave a freed slot without a thread while an abandoned run still blocks one in native code.
        this.pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "geopera-job-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Waits for a free slot, then starts the attempt; the stage says what became of the command. The dispatch
     * consumer asks only while a slot is free, so the wait is normally none.
     */
    public CompletionStage<Admission> admit(DispatchJob job) {
        if (!runningJobs.takeDispatch(job)) {
            // A superseded attempt needs no slot: it is skipped at once and its record accepted.
            LOG.infof("job %s attempt %d is superseded (cancelled or older than one seen); running nothing",
                    job.jobId(), job.attempt());
            return CompletableFuture.completedFuture(Admission.SUPERSEDED);
        }
        return slots.acquire().thenCompose(granted -> start(job));
    }

    /** Whether new attempts are still taken (false once the worker is shutting down). */
    public boolean accepting() {
        return accepting.get();
    }

    private CompletionStage<Admission> start(DispatchJob job) {
        if (!accepting.get()) {
            slots.release();
            return CompletableFuture.completedFuture(Admission.REFUSED);
        }
        if (runningJobs.isSuperseded(job)) { // its CANCEL arrived while it waited for the slot
            slots.release();
            LOG.infof("job %s attempt %d was superseded while it waited; running nothing", job.jobId(),
                    job.attempt());
            return CompletableFuture.completedFuture(Admission.SUPERSEDED);
        }
        RunningJob running = new RunningJob(job, clock.instant(), sink);
        if (runningJobs.wasCancelled(job.jobId())) {
            slots.release();
            LOG.infof("job %s attempt %d was cancelled before it started; not running it", job.jobId(),
                    job.attempt());
            return running.finish(events.cancelled(job)).thenApply(sent -> Admission.CANCELLED_BEFORE_START);
        }
        if (!runningJobs.add(running)) {
            slots.release();
            LOG.infof("job %s attempt %d already runs here; ignoring the redelivered command", job.jobId(),
                    job.attempt());
            return CompletableFuture.completedFuture(Admission.DUPLICATE);
        }
        return running.report(events.started(job))
                .thenApply(sent -> {
                    pool.execute(() -> runToEnd(running));
                    return Admission.STARTED;
                })
                .whenComplete((admission, failure) -> {
                    if (failure != null) {
                        LOG.errorf("job %s attempt %d: STARTED not acknowledged by the broker (%s); not running it",
                                job.jobId(), job.attempt(), failure.getMessage());
                        freeSlot(running);
                    }
                });
    }

    private void runToEnd(RunningJob running) {
        running.runnerEntered();
        try {
            JobEvent terminal = executor.execute(running);
            if (running.isAbandoned()) {
                LOG.warnf("job %s attempt %d: its stuck run returned after it was abandoned; nothing reported",
                        running.jobId(), running.command().attempt());
                return;
            }
            metrics.ended(running.command(), terminal, Duration.between(running.startedAt(), clock.instant()));
            LOG.infof("job %s attempt %d ended %s", running.jobId(), running.command().attempt(),
                    terminal == null ? "without report (shutdown)" : terminal.type());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s attempt %d: unexpected error", running.jobId(), running.command().attempt());
        } finally {
            running.runnerReturned();
            freeSlot(running);
        }
    }

    /**
     * Gives up an attempt whose run ignored the stop at its time limit (a native call without progress callbacks):
     * FAILED {@code time_limit_exceeded} is reported and, once the broker has it, the slot is freed so this worker
     * takes new work. The stuck thread is left where it is; {@link JobWatchdog} ends the process if it stays.
     */
    public void abandon(RunningJob running, JobEvent failed) {
        if (!running.abandon()) {
            return;
        }
        running.stop(StopReason.TIMED_OUT);
        LOG.errorf("job %s attempt %d: still running %s after its time limit and not answering the stop; "
                + "reporting it failed and freeing its slot", running.jobId(), running.command().attempt(),
                Duration.between(running.startedAt(), clock.instant()));
        metrics.ended(running.command(), failed, Duration.between(running.startedAt(), clock.instant()));
        running.finish(failed).whenComplete((sent, failure) -> {
            if (failure != null) {
                LOG.errorf("job %s attempt %d: FAILED not acknowledged by the broker: %s", running.jobId(),
                        running.command().attempt(), failure.getMessage());
            }
            freeSlot(running);
        });
    }

    /** Frees the attempt's slot once, whoever comes first: its run ending, or the watchdog abandoning it. */
    private void freeSlot(RunningJob running) {
        if (running.claimSlotRelease()) {
            runningJobs.remove(running);
            slots.release();
        }
    }

    /** Stops taking work, lets running jobs finish within the grace period, then aborts them silently. */
    void onShutdown(@Observes ShutdownEvent event) {
        accepting.set(false);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                runningJobs.all().forEach(job -> job.stop(StopReason.SHUTTING_DOWN));
                pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
