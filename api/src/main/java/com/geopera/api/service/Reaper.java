package com.geopera.api.service;

import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.IdempotencyStore;
import com.geopera.api.store.JobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Recovers what workers and clients left behind, safely with several api replicas (rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}): stale running attempts are dispatched again (attempt + 1) until
 * {@code geopera.reaper.max-attempts}, then failed; queued jobs nobody picked up are published again; expired
 * holds fail their jobs; old idempotency records are dropped.
 */
@ApplicationScoped
public class Reaper {
    private static final Logger LOG = Logger.getLogger(Reaper.class);

    @Inject
    JobStore jobs;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    Credits credits;
    @Inject
    IdempotencyStore idempotency;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /**
     * When this replica started. Heartbeats that arrived while no api was consuming are still in Kafka; until
     * the consumer has had one heartbeat timeout to read them, a quiet running job is not evidence of a dead
     * worker, so running jobs are not reaped before {@code startedAt + heartbeat-timeout}.
     */
    private volatile Instant startedAt;

    void onStart(@Observes StartupEvent event) {
        startedAt = clock.instant();
    }

    /** What one pass did. */
    public record Pass(int redispatched, int exhausted, int republished, int expired) {
    }

    @Scheduled(every = "${geopera.reaper.interval}", delayed = "${geopera.reaper.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Pass pass = runOnce();
            if (pass.redispatched() + pass.exhausted() + pass.republished() + pass.expired() > 0) {
                LOG.infof("reaper: %s", pass);
            }
        } catch (RuntimeException e) {
            LOG.warnf("reaper pass failed: %s", e.getMessage());
        }
    }

    /** One pass at the clock's current time. */
    public Pass runOnce() {
        Instant now = clock.instant();
        int[] running = QuarkusTransaction.requiringNew().call(() -> reapRunning(now));
        int republished = QuarkusTransaction.requiringNew().call(() -> republishQueued(now));
        int expired = QuarkusTransaction.requiringNew().call(() -> expireHolds(now));
        QuarkusTransaction.requiringNew().run(() -> idempotency.deleteExpired(now));
        return new Pass(running[0], running[1], republished, expired);
    }

    private int[] reapRunning(Instant now) {
        if (startedAt != null && now.isBefore(startedAt.plus(config.reaper().heartbeatTimeout()))) {
            return new int[] {0, 0};
        }
        int redispatched = 0;
        int exhausted = 0;
        for (Job job : jobs.lockStaleRunning(now.minus(config.reaper().heartbeatTimeout()), config.reaper().batchSize())) {
            if (job.attempt < config.reaper().maxAttempts()) {
                lifecycle.redispatch(job, now);
                redispatched++;
            } else {
                lifecycle.fail(job, "attempts_exhausted", "no heartbeat from attempt " + job.attempt + " of "
                        + config.reaper().maxAttempts(), now);
                exhausted++;
            }
        }
        return new int[] {redispatched, exhausted};
    }

    private int republishQueued(Instant now) {
        List<Job> stale = jobs.lockStaleQueued(now.minus(config.reaper().queuedTimeout()), config.reaper().batchSize());
        stale.forEach(job -> lifecycle.redispatch(job, now));
        return stale.size();
    }

    /**
     * Fails the jobs whose holds expired. Jobs are locked before their holds and slices, the order every other job
     * change takes (an event locks the job, then settles or releases its hold), so the two never wait for each other:
     * the jobs free right now are locked, their due holds expired, and busy jobs are left for the next pass. A due
     * hold whose job does not exist is expired too, so it cannot stay at the head of the queue.
     */
    private int expireHolds(Instant now) {
        List<String> due = credits.dueHolds(now, config.reaper().batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, Job> locked = new HashMap<>();
        jobs.lockFree(due).forEach(job -> locked.put(job.jobId, job));
        Set<String> busy = new HashSet<>(jobs.existing(due));
        busy.removeAll(locked.keySet());
        List<String> expirable = due.stream().filter(id -> !busy.contains(id)).toList();
        int failed = 0;
        for (String jobId : credits.expire(now, expirable)) {
            Job job = locked.get(jobId);
            if (job != null && !job.status.isTerminal()) {
                lifecycle.expireHold(job, now);
                failed++;
            }
        }
        return failed;
    }
}
