package com.geopera.worker.service;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts running on this worker, the CANCELs received for jobs that were not running here (so a dispatch of
 * such a job that arrives later is dropped instead of run), and per job the lowest attempt the api may still expect
 * (so the record of a superseded attempt runs nothing). What is remembered is kept for the cancel memory.
 */
public final class RunningJobs {
    private static final int SWEEPS_PER_MEMORY = 10;
    private final Map<String, RunningJob> byAttempt = new ConcurrentHashMap<>();
    private final Map<String, Instant> cancelledUntil = new ConcurrentHashMap<>();
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Duration cancelMemory;
    private final Clock clock;
    /** Expired memories are swept at most this often, not on every record (the map holds every recent job). */
    private volatile Instant nextSweep = Instant.MIN;

    /** The lowest attempt of a job still worth running, remembered until {@code until}. */
    private record Expected(int lowestAttempt, Instant until) {
    }

    public RunningJobs(Duration cancelMemory, Clock clock) {
        this.cancelMemory = cancelMemory;
        this.clock = clock;
    }

    /** Registers an attempt; false when the same attempt of the job already runs here (a redelivery). */
    public boolean add(RunningJob job) {
        return byAttempt.putIfAbsent(key(job.jobId(), job.command().attempt()), job) == null;
    }

    public void remove(RunningJob job) {
        byAttempt.remove(key(job.jobId(), job.command().attempt()), job);
    }

    public Collection<RunningJob> all() {
        return List.copyOf(byAttempt.values());
    }

    public int count() {
        return byAttempt.size();
    }

    /** Stops every running attempt of the job and remembers the cancel; returns how many were running. */
    public int cancel(String jobId) {
        Instant now = clock.instant();
        cancelledUntil.put(jobId, now.plus(cancelMemory));
        cancelledUntil.values().removeIf(until -> until.isBefore(now));
        return stopAttempts(jobId, Integer.MAX_VALUE);
    }

    /**
     * The api superseded this attempt with a newer one: stops it (and any older one) if it runs here, and remembers
     * that records of these attempts must run nothing. Returns how many were running.
     */
    public int cancelAttempt(String jobId, int attempt) {
        expect(jobId, attempt + 1);
        return stopAttempts(jobId, attempt);
    }

    /**
     * Notes a dispatch record seen for this job; returns false when its attempt is superseded (cancelled, or older
     * than an attempt of the job already seen here), in which case it must run nothing.
     */
    public boolean takeDispatch(DispatchJob job) {
        if (isSuperseded(job)) {
            return false;
        }
        expect(job.jobId(), job.attempt());
        return true;
    }

    /** Whether the api no longer expects this attempt (a CANCEL of it, or a newer attempt seen here). */
    public boolean isSuperseded(DispatchJob job) {
        Expected known = expected.get(job.jobId());
        return known != null && !known.until().isBefore(clock.instant()) && job.attempt() < known.lowestAttempt();
    }

    /** Whether a CANCEL for this job was received within the cancel memory. */
    public boolean wasCancelled(String jobId) {
        Instant until = cancelledUntil.get(jobId);
        return until != null && !until.isBefore(clock.instant());
    }

    private void expect(String jobId, int lowestAttempt) {
        Instant now = clock.instant();
        Instant until = now.plus(cancelMemory);
        expected.merge(jobId, new Expected(lowestAttempt, until), (old, added) -> old.until().isBefore(now)
                ? added : new Expected(Math.max(old.lowestAttempt(), added.lowestAttempt()), until));
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(cancelMemory.dividedBy(SWEEPS_PER_MEMORY));
            expected.values().removeIf(known -> known.until().isBefore(now));
        }
    }

    private int stopAttempts(String jobId, int upToAttempt) {
        int stopped = 0;
        for (RunningJob job : byAttempt.values()) {
            if (job.jobId().equals(jobId) && job.command().attempt() <= upToAttempt
                    && job.stop(StopReason.CANCEL_REQUESTED)) {
                stopped++;
            }
        }
        return stopped;
    }

    private static String key(String jobId, int attempt) {
        return jobId + "#" + attempt;
    }
}
