package com.geopera.api.service;

import com.geopera.api.Job;
import com.geopera.api.JobChange;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.JobMetrics.ReaperAction;
import com.geopera.api.store.DispatchPositionStore;
import com.geopera.api.store.IdempotencyStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.job.FailureCode;
import com.geopera.common.job.JobStatus;
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
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Recovers what workers and clients left behind, safely with several api replicas (rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}): stale running attempts are dispatched again (attempt + 1) until
 * {@code geopera.reaper.max-attempts}, then failed; a queued job whose dispatch record a worker consumed without
 * starting it is dispatched again (a record still waiting in its queue is left alone: republishing it would only add
 * work to the backlog); expired holds fail their jobs; old idempotency records are dropped.
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
    DispatchPositionStore positions;
    @Inject
    ConsumedOffsets workerGroup;
    @Inject
    JobMetrics metrics;
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

    /** What one sweep of running or of queued jobs did: attempts dispatched again, jobs failed for good. */
    private record Sweep(int redispatched, int exhausted) {
        static final Sweep NOTHING = new Sweep(0, 0);
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
        // Each step is counted once its own transaction committed.
        Sweep running = QuarkusTransaction.requiringNew().call(() -> reapRunning(now));
        metrics.reaped(ReaperAction.REDISPATCHED, running.redispatched());
        metrics.reaped(ReaperAction.EXHAUSTED, running.exhausted());
        Sweep queued = redispatchConsumedQueued(now);
        metrics.reaped(ReaperAction.REPUBLISHED, queued.redispatched());
        metrics.reaped(ReaperAction.EXHAUSTED, queued.exhausted());
        int expired = QuarkusTransaction.requiringNew().call(() -> expireHolds(now));
        metrics.reaped(ReaperAction.EXPIRED, expired);
        QuarkusTransaction.requiringNew().run(() -> idempotency.deleteExpired(now));
        return new Pass(running.redispatched(), running.exhausted() + queued.exhausted(), queued.redispatched(),
                expired);
    }

    private Sweep reapRunning(Instant now) {
        if (startedAt != null && now.isBefore(startedAt.plus(config.reaper().heartbeatTimeout()))) {
            return Sweep.NOTHING;
        }
        int redispatched = 0;
        int exhausted = 0;
        for (Job job : jobs.lockStaleRunning(now.minus(config.reaper().heartbeatTimeout()), config.reaper().batchSize())) {
            if (job.attempt() < config.reaper().maxAttempts()) {
                redispatched += count(lifecycle.redispatch(job, now));
            } else {
                exhausted += count(lifecycle.fail(job, FailureCode.ATTEMPTS_EXHAUSTED, "no heartbeat from attempt "
                        + job.attempt() + " of " + config.reaper().maxAttempts(), now));
            }
        }
        return new Sweep(redispatched, exhausted);
    }

    private static int count(JobChange change) {
        return change.applied() ? 1 : 0;
    }

    /**
     * Queued jobs past the queued timeout whose dispatch record is no longer in its queue. A record at or after its
     * partition's start offset in the worker share group is still waiting for a worker and is left alone, however
     * long the backlog. A consumed record whose job still has not started (the worker dropped or dead-lettered it, or
     * its STARTED is lost) is first noted, and dispatched again once it stayed so for a heartbeat timeout, which leaves
     * the STARTED of a record consumed a moment ago time to arrive; these attempts count against max-attempts. A job
     * with no recorded position and nothing unsent in the outbox (dispatched before positions were recorded) is
     * published again as before. When the group's offsets cannot be read nothing is republished in this pass.
     */
    private Sweep redispatchConsumedQueued(Instant now) {
        Map<TopicPartition, Long> committed;
        try {
            committed = workerGroup.committed();
        } catch (RuntimeException e) {
            LOG.warnf("reaper: queued jobs left for the next pass: %s", e.getMessage());
            return Sweep.NOTHING;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant queuedBefore = now.minus(config.reaper().queuedTimeout());
            Map<String, DispatchPositionStore.Candidate> candidates = new HashMap<>();
            positions.notWaiting(queuedBefore, committed, config.reaper().batchSize())
                    .forEach(candidate -> candidates.put(candidate.jobId(), candidate));
            if (candidates.isEmpty()) {
                return Sweep.NOTHING;
            }
            int redispatched = 0;
            int exhausted = 0;
            Instant silentBefore = now.minus(config.reaper().heartbeatTimeout());
            for (Job job : jobs.lockFree(candidates.keySet())) {
                DispatchPositionStore.Candidate candidate = candidates.get(job.jobId);
                if (job.status() != JobStatus.QUEUED || job.queuedAt == null
                        || !job.queuedAt.isBefore(queuedBefore)) {
                    continue; // started or redispatched since the candidates were read
                }
                if (!candidate.positioned()) {
                    redispatched += count(lifecycle.redispatch(job, now));
                } else if (candidate.consumedSeenAt() == null) {
                    positions.markConsumedSeen(job.jobId, job.attempt(), now);
                } else if (candidate.consumedSeenAt().isBefore(silentBefore)) {
                    if (job.attempt() < config.reaper().maxAttempts()) {
                        redispatched += count(lifecycle.redispatch(job, now));
                    } else {
                        exhausted += count(lifecycle.fail(job, FailureCode.ATTEMPTS_EXHAUSTED, "attempt "
                                + job.attempt() + " of " + config.reaper().maxAttempts()
                                + " was taken by a worker but never started", now));
                    }
                }
            }
            return new Sweep(redispatched, exhausted);
        });
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
            if (job != null) {
                failed += count(lifecycle.expireHold(job, now));
            }
        }
        return failed;
    }
}
