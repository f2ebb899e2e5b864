package com.geopera.api.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Job;
import com.geopera.api.JobChange;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.JobLivenessStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.FailureCode;
import com.geopera.ledger.HoldAlreadyReleased;
import com.geopera.ledger.HoldExpired;
import com.geopera.ledger.InsufficientCredits;
import com.geopera.ledger.ReleaseResult;
import com.geopera.ledger.Released;
import com.geopera.ledger.ReserveResult;
import com.geopera.ledger.Reserved;
import com.geopera.ledger.SettleResult;
import com.geopera.ledger.Settled;
import com.geopera.ledger.Settlement;
import com.geopera.ledger.billing.ChargeRule;
import com.geopera.ledger.billing.HoldRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The job changes every entry point shares (HTTP operations, worker events, the reaper, expiry, the outbox). Each
 * method runs inside the caller's transaction on a locked job row, asks the {@link Job} aggregate for the change,
 * does what the change needs outside the job (the ledger call, the outbox command) and writes the job. The rules of
 * which change is allowed live in the aggregate; the answers are its {@link JobChange}s, passed back to the caller.
 */
@ApplicationScoped
public class JobLifecycle {
    private static final Logger LOG = Logger.getLogger(JobLifecycle.class);

    @Inject
    JobStore jobs;
    @Inject
    JobLivenessStore liveness;
    @Inject
    Credits credits;
    @Inject
    Commands commands;
    @Inject
    JobMetrics metrics;
    @Inject
    ApiConfig config;

    /**
     * created → queued: holds the estimate and announces attempt 1. Insufficient credits → 402 problem with
     * {@code available}/{@code required}; any other status → 409 {@code illegal_transition}; nothing changed.
     */
    public void queue(Job job, Instant now) {
        holdAndQueue(job, now);
        jobs.update(job);
        commands.dispatch(job, now);
    }

    /**
     * A job not stored yet goes created → queued as {@link #queue} does, and its row is written once, already queued:
     * one insert instead of an insert of the created row and an update of every index of the jobs table after it.
     * On 402 nothing is stored and the problem is thrown; the caller stores the created job if it wants it kept.
     */
    public void queueNew(Job job, Instant now) {
        holdAndQueue(job, now);
        jobs.insert(job);
        commands.dispatch(job, now);
    }

    /** The job queued in memory with the estimate held; refused (nothing held) as {@link #queue} says. */
    private void holdAndQueue(Job job, Instant now) {
        job.queueRefusal().ifPresent(refused -> {
            throw refused.exception();
        });
        metrics.applied(job, job.queue(hold(job), now).orThrow(), now);
    }

    /** Who registers a job's outputs over HTTP ({@code processing.job.register}). */
    public enum Registrant {
        /** A customer key or session: reports work it did itself, on a job no platform worker holds. */
        CUSTOMER,
        /** A key with scope {@code platform:worker}: the platform's own worker reporting a run it measured. */
        PLATFORM_WORKER
    }

    /**
     * Refuses, before anything is checked or written, a registration the job's status does not allow: a customer
     * may register only a {@code created} job (one no platform worker holds: a queued or running job answers 409
     * {@code job_dispatched_to_worker}, so a customer cannot settle a run it did not do); a platform worker only
     * a queued or running one. Anything else is 409 {@code illegal_transition}.
     */
    public void checkRegistration(Job job, Registrant registrant) {
        if (registrant == Registrant.CUSTOMER && job.isDispatched()) {
            throw ApiProblem.of(ErrorCode.JOB_DISPATCHED_TO_WORKER, "job " + job.jobId + " is "
                    + job.status().wireName() + " on a platform worker; its outputs and cost are registered by that "
                    + "worker");
        }
        Optional<JobChange.Refused> refused = registrant == Registrant.CUSTOMER ? job.queueRefusal()
                : job.completeRefusal();
        refused.ifPresent(r -> {
            throw r.exception();
        });
    }

    /**
     * Registers checked outputs: a platform worker's run of the current attempt is settled for its usage
     * ({@link ChargeRule#METERED}); a customer's own work is held and charged the full estimate
     * ({@link ChargeRule#FULL_HOLD}) in the caller's transaction (402 problem when the org cannot pay, nothing
     * changed), the job going created → queued → succeeded without being dispatched to any worker.
     */
    public void register(Job job, ArrayNode outputs, Long reportedCredits, Registrant registrant, Instant now) {
        checkRegistration(job, registrant);
        if (registrant == Registrant.PLATFORM_WORKER) {
            metrics.applied(job, job.complete(job.attempt(), outputs, null, now).orThrow(), now);
            bill(job, credits.settle(job.jobId, ChargeRule.METERED.creditsToSettle(job.reservedCredits(),
                    reportedCredits)));
        } else {
            metrics.applied(job, job.completeSelfRun(hold(job), outputs, now).orThrow(), now);
            bill(job, credits.settle(job.jobId, ChargeRule.FULL_HOLD.creditsToSettle(job.reservedCredits(), null)));
        }
    }

    /** A worker's STARTED of {@code attempt}: queued → running, written with the worker and its first heartbeat. */
    public JobChange start(Job job, int attempt, String workerId, Instant occurredAt, Instant now) {
        JobChange change = job.start(attempt, workerId, occurredAt, now);
        if (change.applied()) {
            jobs.update(job);
            metrics.applied(job, change, now);
        }
        return change;
    }

    /**
     * A worker's PROGRESS or HEARTBEAT of {@code attempt}: recorded in the narrow {@code job_liveness} row, not the
     * wide jobs row (a tick every few seconds per running job would otherwise leave a dead version of the whole row
     * and of its index entries each time); the row is written only when a lost STARTED made this the start.
     */
    public JobChange progress(Job job, int attempt, Integer percent, String workerId, Instant occurredAt,
            Instant now) {
        JobChange change = job.progress(attempt, percent, workerId, occurredAt, now);
        if (change instanceof JobChange.Applied applied) {
            if (applied.moved()) {
                jobs.update(job);
                metrics.applied(job, change, now);
            }
            liveness.record(job.jobId, job.attempt(), job.progress, now);
        }
        return change;
    }

    /** Reserves what {@link HoldRule} asks for the estimate and returns it; 402 problem when the org cannot pay. */
    private long hold(Job job) {
        long amount = HoldRule.creditsToHold(job.estimatedCredits);
        ReserveResult result = credits.reserve(job.orgId, job.jobId, amount, config.jobs().reserveTtl());
        if (result instanceof InsufficientCredits refused) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("available", refused.availableCredits());
            extra.put("required", refused.requiredCredits());
            extra.put("job_id", job.jobId);
            throw ApiProblem.of(ErrorCode.INSUFFICIENT_CREDITS, "the org has " + refused.availableCredits()
                    + " credits available; this job needs " + refused.requiredCredits(), extra);
        }
        if (!(result instanceof Reserved reserved)) {
            throw new IllegalStateException("the ledger refused the hold of " + job.jobId + ": " + result.code());
        }
        return reserved.hold().amount();
    }

    /** A COMPLETED applied in memory, and the settlement it waits for (null when the change was not applied). */
    public record Completion(JobChange change, Settlement settlement) {
    }

    /**
     * A worker's COMPLETED of {@code attempt} with checked outputs, for callers that settle many jobs at once
     * ({@link #settleAll}): the job is succeeded in memory, its billing still {@code reserved}; the job is written
     * once settled.
     */
    public Completion complete(Job job, int attempt, ArrayNode outputs, String workerId, Long reportedCredits,
            Instant now) {
        JobChange change = job.complete(attempt, outputs, workerId, now);
        metrics.applied(job, change, now);
        return new Completion(change, change.applied() ? new Settlement(job.jobId,
                ChargeRule.METERED.creditsToSettle(job.reservedCredits(), reportedCredits)) : null);
    }

    /** Settles completed jobs ({@link #complete}) in one ledger call and writes each job's billing block. */
    public void settleAll(List<Job> completed, List<Settlement> settlements) {
        List<SettleResult> results = credits.settleAll(settlements);
        for (int i = 0; i < completed.size(); i++) {
            bill(completed.get(i), results.get(i));
        }
    }

    private void bill(Job job, SettleResult result) {
        if (result instanceof Settled settled) {
            job.settled(settled.postedCredits(), settled.releasedCredits());
            metrics.settled(settled.postedCredits());
        } else if (result instanceof HoldAlreadyReleased || result instanceof HoldExpired) {
            LOG.warnf("job %s completed after its hold was closed (%s); nothing charged", job.jobId, result.code());
            job.holdClosedBeforeSettlement();
        } else {
            LOG.warnf("job %s completed without a hold to settle (%s)", job.jobId, result.code());
        }
        jobs.update(job);
    }

    /** → failed for a reason the api decided; the hold is released. */
    public JobChange fail(Job job, FailureCode code, String message, Instant now) {
        return released(job, job.fail(code, message, now), now);
    }

    /** A worker's FAILED of {@code attempt} with its own code: → failed, the hold released. */
    public JobChange failAttempt(Job job, int attempt, String code, String message, Instant now) {
        return released(job, job.fail(attempt, code, message, now), now);
    }

    /** A created job never dispatched within its time to live: → failed {@code expired}; nothing was held. */
    public JobChange expire(Job job, String message, Instant now) {
        return released(job, job.expire(message, now), now);
    }

    /** → cancelled by its owner: the hold is released and, if a worker may hold the job, a CANCEL signal is sent. */
    public JobChange cancel(Job job, Instant now) {
        boolean workerMayHaveIt = job.isDispatched();
        return cancelled(job, job.cancel(now), workerMayHaveIt, now);
    }

    /** A worker's CANCELLED of {@code attempt}: → cancelled, the hold released, other workers told to stop. */
    public JobChange cancelAttempt(Job job, int attempt, Instant now) {
        boolean workerMayHaveIt = job.isDispatched();
        return cancelled(job, job.cancel(attempt, now), workerMayHaveIt, now);
    }

    private JobChange cancelled(Job job, JobChange change, boolean workerMayHaveIt, Instant now) {
        released(job, change, now);
        if (change.applied() && workerMayHaveIt) {
            commands.cancel(job, now);
        }
        return change;
    }

    /**
     * The dispatch command of the job's current attempt could not be published (the outbox relay parked it): the job
     * fails with {@code dispatch_failed} and its hold is released, instead of waiting in {@code queued} for a worker
     * that will never hear of it.
     */
    public JobChange dispatchFailed(Job job, String reason, Instant now) {
        return fail(job, FailureCode.DISPATCH_FAILED, "the dispatch command could not be published: " + reason, now);
    }

    /**
     * A dead or lost attempt: attempt + 1 published again (running → queued, or queued stays queued). The superseded
     * attempt is cancelled on the control topic, so a worker still holding it (a frozen one that wakes up, or its
     * record read again after a rebalance) stops it or skips it instead of doing the work twice.
     */
    public JobChange redispatch(Job job, Instant now) {
        JobChange change = job.redispatch(now);
        if (!change.applied()) {
            return change;
        }
        int superseded = job.attempt() - 1;
        jobs.update(job);
        if (superseded >= 1) {
            commands.cancelAttempt(job, superseded, now);
        }
        commands.dispatch(job, now);
        return change;
    }

    /** The hold expired in the ledger (the reaper called expire): the job fails, its credits are back. */
    public JobChange expireHold(Job job, Instant now) {
        JobChange change = job.expireHold(now);
        if (change.applied()) {
            jobs.update(job);
            metrics.applied(job, change, now);
        }
        return change;
    }

    /** Releases the hold of a job the change ended, and writes and counts the job. */
    private JobChange released(Job job, JobChange change, Instant now) {
        if (!change.applied()) {
            return change;
        }
        ReleaseResult result = credits.release(job.jobId);
        if (result instanceof Released released) {
            job.released(released.hold().releasedAmount());
        } else if (job.billing().status() == BillingStatus.RESERVED) {
            LOG.warnf("release of job %s: %s", job.jobId, result.code());
        }
        jobs.update(job);
        metrics.applied(job, change, now);
        return change;
    }
}
