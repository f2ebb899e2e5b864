package com.geopera.worker;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.imagery.CancellationToken;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt of a job while it runs on this worker. It is the engine's cancellation token, and it serialises
 * the attempt's events so that nothing (a late heartbeat, a progress update) follows the terminal one.
 */
public final class RunningJob implements CancellationToken {
    private final DispatchJob command;
    private final Instant startedAt;
    private final JobEventSink sink;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicBoolean slotFreed = new AtomicBoolean();
    private volatile boolean running;
    private int lastProgressPercent;
    private boolean announced;
    private boolean finished;

    public RunningJob(DispatchJob command, Instant startedAt, JobEventSink sink) {
        this.command = command;
        this.startedAt = startedAt;
        this.sink = sink;
    }

    public DispatchJob command() {
        return command;
    }

    public String jobId() {
        return command.jobId();
    }

    public Instant startedAt() {
        return startedAt;
    }

    @Override
    public boolean isCancelled() {
        return stopReason.get() != null;
    }

    /** Asks the run to stop; the first reason given wins. Returns whether this call set it. */
    public boolean stop(StopReason reason) {
        return stopReason.compareAndSet(null, reason);
    }

    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason.get());
    }

    /** A pool thread entered the run (pool threads are reused, so their liveness says nothing; this flag does). */
    public void runnerEntered() {
        running = true;
    }

    /** The run's thread left the attempt (it returned, however late). */
    public void runnerReturned() {
        running = false;
    }

    /** Whether a thread is still inside the run (for an abandoned attempt: a native call that never returned). */
    public boolean runnerInside() {
        return running;
    }

    /**
     * Gives the attempt up while its thread is stuck (a native call that ignores the stop): from now on nothing the
     * thread produces is reported or kept. Returns whether this call did it.
     */
    public boolean abandon() {
        return abandoned.compareAndSet(false, true);
    }

    public boolean isAbandoned() {
        return abandoned.get();
    }

    /**
     * Claims the freeing of this attempt's slot: true for the first caller only, so the watchdog (abandoning the
     * attempt) and the run's own end never free one slot twice.
     */
    public boolean claimSlotRelease() {
        return slotFreed.compareAndSet(false, true);
    }

    public synchronized int lastProgressPercent() {
        return lastProgressPercent;
    }

    /**
     * Progress the run reached, whether or not a PROGRESS event announced it (those are throttled): the next
     * HEARTBEAT carries it. Never goes backwards.
     */
    public synchronized void noteProgress(int percent) {
        lastProgressPercent = Math.max(lastProgressPercent, percent);
    }

    /**
     * Sends a non-terminal event (STARTED, PROGRESS, HEARTBEAT). Nothing goes out before STARTED (a heartbeat
     * tick racing the admission) nor after the terminal event.
     */
    public synchronized CompletionStage<Void> report(JobEvent event) {
        if (event.type() == JobEventType.STARTED) {
            announced = true;
        }
        if (finished || !announced) {
            return CompletableFuture.completedFuture(null);
        }
        if (event.progress() != null) {
            lastProgressPercent = event.progress();
        }
        return sink.publish(event);
    }

    /** Sends the terminal event (or none, when {@code event} is null); later events of this attempt are dropped. */
    public synchronized CompletionStage<Void> finish(JobEvent event) {
        if (finished) {
            return CompletableFuture.completedFuture(null);
        }
        finished = true;
        return event == null ? CompletableFuture.completedFuture(null) : sink.publish(event);
    }
}
