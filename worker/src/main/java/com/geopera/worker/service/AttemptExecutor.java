package com.geopera.worker.service;

import com.geopera.common.job.FailureCode;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.process.JobOutput;
import com.geopera.common.retry.Backoff;
import com.geopera.imagery.InvalidInputsException;
import com.geopera.imagery.ProcessingFailedException;
import com.geopera.imagery.RunCancelledException;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.RunResult;
import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import com.geopera.worker.engine.ProcessRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs one attempt of a job to its end on the calling thread and reports how it ended: COMPLETED with outputs
 * and usage, FAILED with a code (after in-worker retries of transient failures), CANCELLED, or nothing when the
 * worker is shutting down.
 */
public final class AttemptExecutor {
    /** The run went past {@code geopera.worker.job-timeout} (stopped by its token, or abandoned by the watchdog). */
    public static final String TIME_LIMIT_EXCEEDED = FailureCode.TIME_LIMIT_EXCEEDED.wireName();
    public static final String INTERNAL_ERROR = FailureCode.INTERNAL_ERROR.wireName();
    private static final Logger LOG = Logger.getLogger(AttemptExecutor.class);
    private static final long BACKOFF_POLL_MILLIS = 100;
    private static final long PUBLISH_TIMEOUT_SECONDS = 30;

    private final ProcessRunner engine;
    private final AttemptGuard guard;
    private final OutputStorage storage;
    private final JobEvents events;
    private final Backoff backoff;
    private final Supplier<ProgressThrottle> throttles;
    private final Duration jobTimeout;
    private final Clock clock;

    public AttemptExecutor(ProcessRunner engine, AttemptGuard guard, OutputStorage storage, JobEvents events,
                           Backoff backoff, Supplier<ProgressThrottle> throttles, Duration jobTimeout,
                           Clock clock) {
        this.engine = engine;
        this.guard = guard;
        this.storage = storage;
        this.events = events;
        this.backoff = backoff;
        this.throttles = throttles;
        this.jobTimeout = jobTimeout;
        this.clock = clock;
    }

    /** Runs the attempt and returns the terminal event sent (null when none was, i.e. on shutdown). */
    public JobEvent execute(RunningJob running) {
        DispatchJob job = running.command();
        Optional<JobError> refusal;
        try {
            refusal = guard.refusal(job);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s attempt %d: its preconditions could not be checked", job.jobId(), job.attempt());
            refusal = Optional.of(new JobError(FailureCode.INTERNAL_ERROR, "preconditions not checked: " + e, false));
        }
        if (refusal.isPresent()) {
            LOG.warnf("job %s attempt %d refused before running: %s (%s)", job.jobId(), job.attempt(),
                    refusal.get().code(), refusal.get().message());
            return finish(running, events.failed(job, refusal.get()));
        }
        ProgressThrottle throttle = throttles.get();
        for (int tries = 1; ; tries++) {
            Path staging = null;
            try {
                staging = storage.createStaging(job);
                RunRequest request = new RunRequest(job.jobId(), job.attempt(), job.processId(), job.inputs(),
                        staging);
                RunResult result = engine.run(request, fraction -> reportProgress(running, throttle, fraction),
                        running);
                if (running.isAbandoned()) {
                    return null; // reported failed long ago; what the stuck call produced is not kept
                }
                List<JobOutput> outputs = storage.promote(job, staging, result.outputs());
                return finish(running, events.completed(job, outputs, result.usage()));
            } catch (RunCancelledException e) {
                return finishStopped(running);
            } catch (ProcessingFailedException e) {
                if (running.isCancelled()) {
                    return finishStopped(running);
                }
                if (e.retryable() && backoff.allowsAnotherTry(tries)) {
                    Duration delay = backoff.delayAfter(tries);
                    LOG.warnf("job %s attempt %d try %d failed (%s: %s); retrying in %s", job.jobId(),
                            job.attempt(), tries, e.code(), e.getMessage(), delay);
                    if (!sleepUnlessStopped(running, delay)) {
                        return finishStopped(running);
                    }
                    continue;
                }
                return finish(running, events.failed(job, new JobError(e.code(), e.getMessage(), e.retryable())));
            } catch (InvalidInputsException e) {
                return finish(running, events.failed(job, new JobError(FailureCode.INVALID_INPUTS, e.getMessage(), false)));
            } catch (java.io.UncheckedIOException e) {
                if (running.isCancelled()) {
                    return finishStopped(running);
                }
                return finish(running, events.failed(job, new JobError(FailureCode.STORAGE_ERROR, e.getMessage(), true)));
            } catch (RuntimeException e) {
                if (running.isCancelled()) {
                    return finishStopped(running);
                }
                LOG.errorf(e, "job %s attempt %d failed unexpectedly", job.jobId(), job.attempt());
                return finish(running, events.failed(job, new JobError(FailureCode.INTERNAL_ERROR, e.toString(), false)));
            } finally {
                discardQuietly(staging);
            }
        }
    }

    private void reportProgress(RunningJob running, ProgressThrottle throttle, double fraction) {
        running.noteProgress(ProgressThrottle.toPercent(fraction));
        int percent = throttle.offer(fraction);
        if (percent >= 0) {
            running.report(events.progress(running.command(), percent));
        }
    }

    private JobEvent finishStopped(RunningJob running) {
        StopReason reason = running.stopReason().orElse(StopReason.CANCEL_REQUESTED);
        DispatchJob job = running.command();
        return switch (reason) {
            case CANCEL_REQUESTED -> finish(running, events.cancelled(job));
            case TIMED_OUT -> finish(running, events.failed(job, new JobError(FailureCode.TIME_LIMIT_EXCEEDED,
                    "the run took longer than " + jobTimeout, false)));
            case SHUTTING_DOWN -> finish(running, null);
        };
    }

    /** Sends the terminal event and waits for the broker, so the slot is freed only once it is durable. */
    private JobEvent finish(RunningJob running, JobEvent terminal) {
        try {
            running.finish(terminal).toCompletableFuture().get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("job %s: %s event not acknowledged by the broker: %s", running.jobId(),
                    terminal == null ? "terminal" : terminal.type(), e.getMessage());
        }
        return terminal;
    }

    /** Waits between tries; false when the job was stopped meanwhile. */
    private boolean sleepUnlessStopped(RunningJob running, Duration delay) {
        long until = clock.millis() + delay.toMillis();
        try {
            while (clock.millis() < until) {
                if (running.isCancelled()) {
                    return false;
                }
                Thread.sleep(Math.min(BACKOFF_POLL_MILLIS, Math.max(1, until - clock.millis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.stop(StopReason.SHUTTING_DOWN);
            return false;
        }
        return !running.isCancelled();
    }

    private void discardQuietly(Path staging) {
        try {
            storage.discard(staging);
        } catch (RuntimeException e) {
            LOG.warnf("could not remove staging directory %s: %s", staging, e.getMessage());
        }
    }
}
