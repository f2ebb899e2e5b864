package com.geopera.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.JobStatus;
import java.time.Instant;

/**
 * One row of the {@code jobs} table as services change it. Status changes only through {@link #moveTo}, which
 * asks the state machine in {@code common}.
 */
public final class Job {
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
    public JobStatus status;
    public int progress;
    public int attempt;
    public String workerId;
    public Instant heartbeatAt;
    public Instant queuedAt;
    public String errorCode;
    public String errorMessage;
    /** Stored outputs: JobOutput objects whose href is the storage location the worker wrote to. */
    public JsonNode outputs;
    public Instant outputsDeletedAt;
    public long estimatedCredits;
    public long reservedCredits;
    public long chargedCredits;
    public long releasedCredits;
    public BillingStatus billingStatus = BillingStatus.NONE;
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

    /** Moves to {@code next} through the state machine; stamps {@code finished_at} on terminal statuses. */
    public void moveTo(JobStatus next, Instant now) {
        status = status.moveTo(next);
        updatedAt = now;
        if (next.isTerminal()) {
            finishedAt = now;
        }
    }

    public void fail(String code, String message, Instant now) {
        moveTo(JobStatus.FAILED, now);
        errorCode = code;
        errorMessage = message;
    }
}
