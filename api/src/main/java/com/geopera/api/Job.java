package com.geopera.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.JobChange.Applied;
import com.geopera.api.JobChange.Refused;
import com.geopera.api.JobChange.StaleAttempt;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.FailureCode;
import com.geopera.common.job.JobStatus;
import com.geopera.ledger.billing.Refund;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job aggregate: one row of the {@code jobs} table and every rule of how it changes. A job's status, attempt,
 * error and billing block change only through the intent methods below, each of which checks the transition table
 * ({@link JobStatus#successors()}) and answers with a {@link JobChange} instead of throwing. The callers
 * ({@code JobLifecycle} and the services around it) do the I/O: they lock and write the row, talk to the ledger and
 * put commands in the outbox.
 *
 * <p>The places a job's status changes are exactly the intents: {@link #queue}, {@link #completeSelfRun},
 * {@link #start}, {@link #progress}, {@link #complete}, {@link #fail(int, String, String, Instant)},
 * {@link #fail(FailureCode, String, Instant)}, {@link #cancel(Instant)}, {@link #cancel(int, Instant)},
 * {@link #expire}, {@link #expireHold} and {@link #redispatch}.
 */
public final class Job {
    /** The statuses a platform worker may hold a job in. */
    private static final Set<JobStatus> DISPATCHED = EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING);
    private static final int DONE_PERCENT = 100;

    public String jobId;
    public String orgId;
    public String workspaceId;
    public String projectId;
    public String principalId;
    public String processId;
    public String processVersion;
    public String jobType;
    public String queue;
    public String title;
    public JsonNode inputs;
    private JobStatus status = JobStatus.CREATED;
    /** Progress of the current attempt in percent; it never goes backwards within an attempt. */
    public int progress;
    private int attempt;
    public String workerId;
    public Instant heartbeatAt;
    public Instant queuedAt;
    private String errorCode;
    private String errorMessage;
    /** Stored outputs: JobOutput objects whose href is the storage location the worker wrote to. */
    public JsonNode outputs;
    public Instant outputsDeletedAt;
    public long estimatedCredits;
    private long reservedCredits;
    private long chargedCredits;
    private long releasedCredits;
    private BillingStatus billingStatus = BillingStatus.NONE;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant startedAt;
    public Instant finishedAt;
    /**
     * {@code InputPin}s of the image inputs taken when the job was last estimated (create, dispatch); carried in
     * every dispatch command so the worker can refuse inputs that changed since. Null for jobs stored before pins.
     */
    public JsonNode inputPins;
    public long version;

    /** A new job: {@code created}, no attempt yet, nothing held. */
    public Job() {
    }

    /** A job as stored: the state its intents left it in, read back by the store. */
    public static Job stored(JobStatus status, int attempt, String errorCode, String errorMessage,
            Billing billing) {
        Job job = new Job();
        job.status = status;
        job.attempt = attempt;
        job.errorCode = errorCode;
        job.errorMessage = errorMessage;
        job.reservedCredits = billing.reservedCredits();
        job.chargedCredits = billing.chargedCredits();
        job.releasedCredits = billing.releasedCredits();
        job.billingStatus = billing.status();
        return job;
    }

    /** The job's billing block: what the ledger holds, charged and gave back for it. */
    public record Billing(BillingStatus status, long reservedCredits, long chargedCredits, long releasedCredits) {
    }

    public JobStatus status() {
        return status;
    }

    /** The current attempt: 0 before the first dispatch, then 1, 2, … as the job is dispatched again. */
    public int attempt() {
        return attempt;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public Billing billing() {
        return new Billing(billingStatus, reservedCredits, chargedCredits, releasedCredits);
    }

    public long reservedCredits() {
        return reservedCredits;
    }

    /** Whether a platform worker may hold the job now (it was dispatched and has not finished). */
    public boolean isDispatched() {
        return DISPATCHED.contains(status);
    }

    // ---- created → queued

    /**
     * The refusal {@link #queue} would give now, asked before the job is estimated and its credits held. Only a
     * created job is queued: the table also lets running → queued, but that edge is {@link #redispatch}.
     */
    public Optional<Refused> queueRefusal() {
        return status == JobStatus.CREATED ? Optional.empty() : Optional.of(new Refused(status, JobStatus.QUEUED));
    }

    /** created → queued with {@code heldCredits} held by the ledger; attempt 1 is to be dispatched. */
    public JobChange queue(long heldCredits, Instant now) {
        Optional<Refused> refused = queueRefusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        JobStatus from = moveTo(JobStatus.QUEUED, now);
        attempt = attempt + 1;
        queuedAt = now;
        hold(heldCredits);
        return new Applied(from, status);
    }

    /**
     * A customer's registration of a created job whose work it did itself: created → queued → succeeded without
     * any attempt dispatched, with {@code heldCredits} held (the caller then settles them).
     */
    public JobChange completeSelfRun(long heldCredits, JsonNode registeredOutputs, Instant now) {
        Optional<Refused> refused = queueRefusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        JobStatus from = moveTo(JobStatus.QUEUED, now);
        queuedAt = now;
        hold(heldCredits);
        succeed(registeredOutputs, now);
        return new Applied(from, status);
    }

    // ---- what a worker reports about an attempt

    /** STARTED of {@code reportedAttempt}: queued → running; a repeated STARTED of a running attempt is taken again. */
    public JobChange start(int reportedAttempt, String worker, Instant occurredAt, Instant now) {
        if (reportedAttempt != attempt) {
            return new StaleAttempt(attempt, reportedAttempt);
        }
        if (status != JobStatus.QUEUED && status != JobStatus.RUNNING) {
            return new Refused(status, JobStatus.RUNNING);
        }
        JobStatus from = status;
        if (status == JobStatus.QUEUED) {
            moveTo(JobStatus.RUNNING, now);
        }
        if (startedAt == null) {
            startedAt = occurredAt == null ? now : occurredAt;
        }
        workerId = worker;
        heartbeatAt = now;
        updatedAt = now;
        return new Applied(from, status);
    }

    /**
     * PROGRESS or HEARTBEAT of {@code reportedAttempt}: a running job's progress (never backwards, clamped to
     * 0–100) and heartbeat; a queued job whose STARTED was lost is started first (then {@link Applied#moved()}).
     */
    public JobChange progress(int reportedAttempt, Integer percent, String worker, Instant occurredAt, Instant now) {
        if (reportedAttempt != attempt) {
            return new StaleAttempt(attempt, reportedAttempt);
        }
        JobStatus from = status;
        if (status == JobStatus.QUEUED) {
            start(reportedAttempt, worker, occurredAt, now);
        } else if (status != JobStatus.RUNNING) {
            return new Refused(status, JobStatus.RUNNING);
        }
        int reported = percent == null ? progress : Math.min(DONE_PERCENT, Math.max(0, percent));
        progress = Math.max(progress, reported);
        heartbeatAt = now;
        return new Applied(from, status);
    }

    /** The refusal {@link #complete} would give now, asked before the reported outputs are checked. */
    public Optional<Refused> completeRefusal() {
        return status.canMoveTo(JobStatus.SUCCEEDED) ? Optional.empty()
                : Optional.of(new Refused(status, JobStatus.SUCCEEDED));
    }

    /**
     * COMPLETED of {@code reportedAttempt} with checked outputs (or a platform worker's registration of the current
     * attempt): queued|running → succeeded. The caller settles the hold and records it ({@link #settled}).
     */
    public JobChange complete(int reportedAttempt, JsonNode checkedOutputs, String worker, Instant now) {
        if (reportedAttempt != attempt) {
            return new StaleAttempt(attempt, reportedAttempt);
        }
        Optional<Refused> refused = completeRefusal();
        if (refused.isPresent()) {
            return refused.get();
        }
        JobStatus from = status;
        if (startedAt == null) {
            startedAt = now;
        }
        if (worker != null) {
            workerId = worker;
        }
        succeed(checkedOutputs, now);
        return new Applied(from, status);
    }

    /**
     * FAILED of {@code reportedAttempt} with the worker's code (one of {@link FailureCode} or an engine's own),
     * or the api's refusal of the attempt's outputs. The caller releases the hold ({@link #released}).
     */
    public JobChange fail(int reportedAttempt, String code, String message, Instant now) {
        if (reportedAttempt != attempt) {
            return new StaleAttempt(attempt, reportedAttempt);
        }
        return failWith(code, message, now);
    }

    /** CANCELLED of {@code reportedAttempt}: the worker stopped it. The caller releases the hold. */
    public JobChange cancel(int reportedAttempt, Instant now) {
        if (reportedAttempt != attempt) {
            return new StaleAttempt(attempt, reportedAttempt);
        }
        return cancel(now);
    }

    // ---- what the api decides

    /** → failed for a reason the api decided (attempts exhausted, dispatch failed, …). The caller releases the hold. */
    public JobChange fail(FailureCode code, String message, Instant now) {
        return failWith(code.wireName(), message, now);
    }

    /** created|queued|running → cancelled (the owner deleted it). The caller releases the hold. */
    public JobChange cancel(Instant now) {
        if (!status.canMoveTo(JobStatus.CANCELLED)) {
            return new Refused(status, JobStatus.CANCELLED);
        }
        JobStatus from = moveTo(JobStatus.CANCELLED, now);
        return new Applied(from, status);
    }

    /** created → failed {@link FailureCode#EXPIRED}: never dispatched within its time to live; nothing was held. */
    public JobChange expire(String message, Instant now) {
        if (status != JobStatus.CREATED) {
            return new Refused(status, JobStatus.FAILED);
        }
        return failWith(FailureCode.EXPIRED.wireName(), message, now);
    }

    /**
     * → failed {@link FailureCode#RESERVATION_EXPIRED}: the ledger expired the hold, so the whole hold is back with
     * the org and nothing is left to release.
     */
    public JobChange expireHold(Instant now) {
        JobChange change = failWith(FailureCode.RESERVATION_EXPIRED.wireName(),
                "the credit reservation expired before the job finished", now);
        if (change.applied()) {
            released(Refund.creditsReturned(reservedCredits, 0));
        }
        return change;
    }

    /**
     * A dead or lost attempt: running → queued (a queued job stays queued) with attempt + 1 to be dispatched; the
     * superseded attempt is {@code attempt() - 1}. The hold stays as it is.
     */
    public JobChange redispatch(Instant now) {
        if (!isDispatched()) {
            return new Refused(status, JobStatus.QUEUED);
        }
        JobStatus from = status;
        if (status != JobStatus.QUEUED) {
            moveTo(JobStatus.QUEUED, now);
        }
        attempt = attempt + 1;
        workerId = null;
        heartbeatAt = null;
        progress = 0;
        queuedAt = now;
        updatedAt = now;
        return new Applied(from, status);
    }

    // ---- an operator's retry: a new job, this one kept as it is

    /**
     * Whether an operator may run this job again ({@code ops.jobs.retry}): only a failed one. The retry is a new job
     * taking the ordinary path (created → {@link #queue}), because the ledger holds once per job; this job keeps its
     * record and its released hold.
     */
    public boolean retryable() {
        return status == JobStatus.FAILED;
    }

    /** The draft of the new job that runs this one again: same process, workspace, project, title and inputs. */
    public JobDraft retryDraft() {
        ObjectNode copied = inputs instanceof ObjectNode object ? object.deepCopy() : null;
        return new JobDraft(processId, workspaceId, projectId, title, copied, List.of());
    }

    /** A finished job's output files were deleted (by its owner or by retention); its record stays. */
    public void outputsDeleted(Instant now) {
        outputsDeletedAt = now;
        updatedAt = now;
    }

    // ---- the billing block, as the ledger answered

    /** The ledger settled the hold: {@code chargedCredits} posted, the rest given back. */
    public void settled(long charged, long released) {
        chargedCredits = charged;
        releasedCredits = released;
        billingStatus = BillingStatus.SETTLED;
    }

    /** The ledger released the hold ({@code released} credits back with the org) or had already closed it. */
    public void released(long released) {
        releasedCredits = released;
        billingStatus = BillingStatus.RELEASED;
    }

    /** The job finished after its hold was closed: nothing was charged and nothing is left to give back. */
    public void holdClosedBeforeSettlement() {
        billingStatus = BillingStatus.RELEASED;
    }

    private JobChange failWith(String code, String message, Instant now) {
        if (!status.canMoveTo(JobStatus.FAILED)) {
            return new Refused(status, JobStatus.FAILED);
        }
        JobStatus from = moveTo(JobStatus.FAILED, now);
        errorCode = code;
        errorMessage = message;
        return new Applied(from, status);
    }

    private void succeed(JsonNode checkedOutputs, Instant now) {
        moveTo(JobStatus.SUCCEEDED, now);
        outputs = checkedOutputs;
        progress = DONE_PERCENT;
    }

    private void hold(long heldCredits) {
        reservedCredits = heldCredits;
        billingStatus = BillingStatus.RESERVED;
    }

    /** The one assignment of {@link #status}; callers checked the move. Returns the status moved from. */
    private JobStatus moveTo(JobStatus next, Instant now) {
        JobStatus from = status;
        status = status.moveTo(next);
        updatedAt = now;
        if (next.isTerminal()) {
            finishedAt = now;
        }
        return from;
    }
}
