package com.geopera.worker.service;

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
 * The attempts running on this worker, and the CANCELs received for jobs that were not running here (so a
 * dispatch of such a job that arrives later is dropped instead of run).
 */
public final class RunningJobs {
    private final Map<String, RunningJob> byAttempt = new ConcurrentHashMap<>();
    private final Map<String, Instant> cancelledUntil = new ConcurrentHashMap<>();
    private final Duration cancelMemory;
    private final Clock clock;

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
        int stopped = 0;
        for (RunningJob job : byAttempt.values()) {
            if (job.jobId().equals(jobId) && job.stop(StopReason.CANCEL_REQUESTED)) {
                stopped++;
            }
        }
        return stopped;
    }

    /** Whether a CANCEL for this job was received within the cancel memory. */
    public boolean wasCancelled(String jobId) {
        Instant until = cancelledUntil.get(jobId);
        return until != null && !until.isBefore(clock.instant());
    }

    private static String key(String jobId, int attempt) {
        return jobId + "#" + attempt;
    }
}
