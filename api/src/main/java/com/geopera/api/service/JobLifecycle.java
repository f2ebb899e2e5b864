package com.geopera.api.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.JobStatus;
import com.geopera.ledger.ChargeRule;
import com.geopera.ledger.Hold;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The job changes every entry point shares (HTTP operations, worker events, the reaper). Each method runs inside
 * the caller's transaction on a locked job row, moves the status through the state machine, keeps the billing
 * block equal to what the ledger did, writes the job, and puts any Kafka command in the outbox.
 */
@ApplicationScoped
public class JobLifecycle {
    private static final Logger LOG = Logger.getLogger(JobLifecycle.class);
    /** The ledger refuses empty holds; the smallest job is held at one credit. */
    private static final long MIN_HOLD_CREDITS = 1;
    /** The job error code of a job whose dispatch command the outbox relay parked. */
    public static final String DISPATCH_FAILED = "dispatch_failed";

    @Inject
    JobStore jobs;
    @Inject
    Credits credits;
    @Inject
    Commands commands;
    @Inject
    ApiConfig config;

    /**
     * created → queued: holds the estimate and announces attempt 1. Insufficient credits → 402 problem with
     * {@code available}/{@code required}; nothing changed.
     */
    public void queue(Job job, Instant now) {
        job.status.moveTo(JobStatus.QUEUED);
        hold(job);
        job.moveTo(JobStatus.QUEUED, now);
        job.attempt = job.attempt + 1;
        job.queuedAt = now;
        jobs.update(job);
        commands.dispatch(job, now);
    }

    /**
     * A customer's registration of a {@code created} job whose work it did itself: in the caller's transaction the
     * estimate is held (402 problem when the org cannot pay, nothing changed), the job goes created → queued →
     * succeeded without being dispatched to any worker, and the full hold is charged ({@link ChargeRule#FULL_HOLD}).
     */
    public void settleSelfRun(Job job, ArrayNode outputs, Instant now) {
        job.status.moveTo(JobStatus.QUEUED);
        hold(job);
        job.moveTo(JobStatus.QUEUED, now);
        job.queuedAt = now;
        succeed(job, outputs, null, ChargeRule.FULL_HOLD, now);
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
        boolean dispatched = job.status == JobStatus.QUEUED || job.status == JobStatus.RUNNING;
        if (registrant == Registrant.CUSTOMER && dispatched) {
            throw ApiProblem.of(ErrorCode.JOB_DISPATCHED_TO_WORKER, "job " + job.jobId + " is " + job.status.wireName()
                    + " on a platform worker; its outputs and cost are registered by that worker");
        }
        job.status.moveTo(registrant == Registrant.CUSTOMER ? JobStatus.QUEUED : JobStatus.SUCCEEDED);
    }

    /**
     * Registers checked outputs: a platform worker's run is settled for its usage ({@link ChargeRule#METERED}), a
     * customer's own work reserves and charges the full estimate ({@link #settleSelfRun}).
     */
    public void register(Job job, ArrayNode outputs, Long reportedCredits, Registrant registrant, Instant now) {
        checkRegistration(job, registrant);
        if (registrant == Registrant.PLATFORM_WORKER) {
            succeed(job, outputs, reportedCredits, ChargeRule.METERED, now);
        } else {
            settleSelfRun(job, outputs, now);
        }
    }

    /** Reserves {@code max(1, estimate)} for the job; a 402 problem when the org cannot pay. */
    private void hold(Job job) {
        long amount = Math.max(MIN_HOLD_CREDITS, job.estimatedCredits);
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
        job.reservedCredits = reserved.hold().amount();
        job.billingStatus = BillingStatus.RESERVED;
    }

    /**
     * The registration of a completed attempt: succeeded, outputs stored, hold settled for what {@code rule}
     * asks of the reported usage.
     */
    public void succeed(Job job, ArrayNode outputs, Long reportedCredits, ChargeRule rule, Instant now) {
        Settlement settlement = complete(job, outputs, reportedCredits, rule, now);
        bill(job, credits.settle(settlement.jobId(), settlement.actualCredits()));
    }

    /**
     * The first half of {@link #succeed} for callers that settle many jobs at once ({@link #settleAll}): the job is
     * succeeded in memory, its billing still {@code reserved}; the settlement to make is returned, and the job is
     * written once settled.
     */
    public Settlement complete(Job job, ArrayNode outputs, Long reportedCredits, ChargeRule rule, Instant now) {
        job.moveTo(JobStatus.SUCCEEDED, now);
        job.outputs = outputs;
        job.progress = 100;
        return new Settlement(job.jobId, rule.creditsToSettle(job.reservedCredits, reportedCredits));
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
            job.chargedCredits = settled.postedCredits();
            job.releasedCredits = settled.releasedCredits();
            job.billingStatus = BillingStatus.SETTLED;
        } else if (result instanceof HoldAlreadyReleased || result instanceof HoldExpired) {
            LOG.warnf("job %s completed after its hold was closed (%s); nothing charged", job.jobId, result.code());
            job.billingStatus = BillingStatus.RELEASED;
        } else {
            LOG.warnf("job %s completed without a hold to settle (%s)", job.jobId, result.code());
        }
        jobs.update(job);
    }

    /** → failed with a reason; the hold is released. */
    public void fail(Job job, String code, String message, Instant now) {
        job.fail(code, message, now);
        release(job);
        jobs.update(job);
    }

    /** → cancelled; the hold is released and, if a worker may hold the job, a CANCEL signal is sent. */
    public void cancel(Job job, Instant now) {
        boolean workerMayHaveIt = job.status == JobStatus.RUNNING || job.status == JobStatus.QUEUED;
        job.moveTo(JobStatus.CANCELLED, now);
        release(job);
        jobs.update(job);
        if (workerMayHaveIt) {
            commands.cancel(job, now);
        }
    }

    /**
     * The dispatch command of the job's current attempt could not be published (the outbox relay parked it): the job
     * fails with {@link #DISPATCH_FAILED} and its hold is released, instead of waiting in {@code queued} for a worker
     * that will never hear of it.
     */
    public void dispatchFailed(Job job, String reason, Instant now) {
        fail(job, DISPATCH_FAILED, "the dispatch command could not be published: " + reason, now);
    }

    /**
     * A dead or lost attempt: attempt + 1 published again (running → queued, or queued stays queued). The superseded
     * attempt is cancelled on the control topic, so a worker still holding it (a frozen one that wakes up, or its
     * record read again after a rebalance) stops it or skips it instead of doing the work twice.
     */
    public void redispatch(Job job, Instant now) {
        if (job.status != JobStatus.QUEUED) {
            job.moveTo(JobStatus.QUEUED, now);
        }
        int superseded = job.attempt;
        job.attempt = job.attempt + 1;
        job.workerId = null;
        job.heartbeatAt = null;
        job.progress = 0;
        job.queuedAt = now;
        job.updatedAt = now;
        jobs.update(job);
        if (superseded >= 1) {
            commands.cancelAttempt(job, superseded, now);
        }
        commands.dispatch(job, now);
    }

    /** The hold expired in the ledger (the reaper called expire): the job fails, its credits are back. */
    public void expireHold(Job job, Instant now) {
        job.fail("reservation_expired", "the credit reservation expired before the job finished", now);
        job.releasedCredits = job.reservedCredits;
        job.billingStatus = BillingStatus.RELEASED;
        jobs.update(job);
    }

    private void release(Job job) {
        ReleaseResult result = credits.release(job.jobId);
        if (result instanceof Released released) {
            Hold hold = released.hold();
            job.releasedCredits = hold.amount() - hold.postedAmount();
            job.billingStatus = BillingStatus.RELEASED;
        } else if (job.billingStatus == BillingStatus.RESERVED) {
            LOG.warnf("release of job %s: %s", job.jobId, result.code());
        }
    }
}
