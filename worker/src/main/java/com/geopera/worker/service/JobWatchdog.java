package com.geopera.worker.service;

import com.geopera.common.job.FailureCode;
import com.geopera.common.messaging.JobError;
import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Enforces the job time limit on runs that do not cooperate. The engine stops at its token only from GDAL's
 * progress callback, so a call that makes none (a stalled read, a driver without progress) would hold its slot for
 * ever. Each check: a run past the limit is asked to stop; past limit + stop grace it is abandoned (FAILED
 * {@code time_limit_exceeded}, slot freed, see {@link JobLauncher#abandon}); an abandoned run whose thread is still
 * inside the call past a further exit grace ends the process, because a JVM cannot stop a thread in native code and
 * each such thread holds a core and memory beyond the configured concurrency. Workers are stateless: the api's
 * reaper re-dispatches what the process held.
 */
public final class JobWatchdog {
    /** Exit status of a worker that ended itself over a stuck native call (EX_TEMPFAIL: restart and retry). */
    public static final int STUCK_NATIVE_CALL_EXIT_STATUS = 75;
    private static final Logger LOG = Logger.getLogger(JobWatchdog.class);

    /** What to do with one run at a given time. */
    public enum Verdict {
        /** Within its limit, or abandoned and still within the exit grace: nothing to do. */
        LEAVE,
        /** Past its limit: ask it to stop through its token. */
        STOP,
        /** Past limit + stop grace and still inside the run: fail it and free its slot. */
        ABANDON,
        /** Abandoned, and its thread still inside the call past the exit grace: end the process. */
        EXIT
    }

    /** How this process ends itself (the seam tests replace). */
    @FunctionalInterface
    public interface ProcessExit {
        void exit(int status, String reason);
    }

    private final RunningJobs runningJobs;
    private final JobLauncher launcher;
    private final JobEvents events;
    private final Clock clock;
    private final Duration limit;
    private final Duration stopGrace;
    private final Duration exitGrace;
    private final ProcessExit exit;
    private final List<RunningJob> abandoned = new CopyOnWriteArrayList<>();
    private final AtomicBoolean exiting = new AtomicBoolean();

    public JobWatchdog(RunningJobs runningJobs, JobLauncher launcher, JobEvents events, Clock clock, Duration limit,
                       Duration stopGrace, Duration exitGrace, ProcessExit exit) {
        this.runningJobs = runningJobs;
        this.launcher = launcher;
        this.events = events;
        this.clock = clock;
        this.limit = limit;
        this.stopGrace = stopGrace;
        this.exitGrace = exitGrace;
        this.exit = exit;
    }

    /** The decision for a run started at {@code startedAt}, at {@code now}. */
    public static Verdict verdict(Instant startedAt, Instant now, Duration limit, Duration stopGrace,
                                  Duration exitGrace, boolean abandoned, boolean runnerInside) {
        Instant stopAt = startedAt.plus(limit);
        Instant abandonAt = stopAt.plus(stopGrace);
        if (!now.isAfter(stopAt)) {
            return Verdict.LEAVE;
        }
        if (!abandoned) {
            return now.isAfter(abandonAt) && runnerInside ? Verdict.ABANDON : Verdict.STOP;
        }
        return runnerInside && now.isAfter(abandonAt.plus(exitGrace)) ? Verdict.EXIT : Verdict.LEAVE;
    }

    /** One round over the running and the abandoned runs. */
    public void check() {
        Instant now = clock.instant();
        for (RunningJob job : runningJobs.all()) {
            Verdict verdict = verdict(job.startedAt(), now, limit, stopGrace, exitGrace, job.isAbandoned(),
                    job.runnerInside());
            if (verdict == Verdict.STOP) {
                job.stop(StopReason.TIMED_OUT);
            } else if (verdict == Verdict.ABANDON) {
                abandoned.add(job);
                launcher.abandon(job, events.failed(job.command(), new JobError(FailureCode.TIME_LIMIT_EXCEEDED,
                        "the run went past its time limit of " + limit + " and did not stop; it was abandoned",
                        false)));
            }
        }
        abandoned.removeIf(job -> !job.runnerInside());
        for (RunningJob job : abandoned) {
            if (verdict(job.startedAt(), now, limit, stopGrace, exitGrace, true, job.runnerInside()) == Verdict.EXIT
                    && exiting.compareAndSet(false, true)) {
                String reason = "job " + job.jobId() + " attempt " + job.command().attempt()
                        + " is stuck in a native call " + exitGrace + " after it was abandoned";
                LOG.errorf("%s; ending the worker process (status %d) so that it is restarted", reason,
                        STUCK_NATIVE_CALL_EXIT_STATUS);
                exit.exit(STUCK_NATIVE_CALL_EXIT_STATUS, reason);
                return;
            }
        }
    }

    /** Abandoned runs whose thread is still inside the call (live native threads beyond the slots). */
    public int stuck() {
        return (int) abandoned.stream().filter(RunningJob::runnerInside).count();
    }
}
