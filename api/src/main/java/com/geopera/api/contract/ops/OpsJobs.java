package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.jobs. */
@Schema(name = "OpsJobs", description = "Recent failures with their codes, and stuck jobs")
public record OpsJobs(
        @JsonProperty("as_of") @Schema(required = true) Instant asOf,
        @Schema(required = true, description = "Newest first") List<OpsFailure> failures,
        @JsonProperty("failure_codes") @Schema(required = true, description = "Every failure of the window by code")
        List<OpsFailureCode> failureCodes,
        @Schema(required = true, description = "Oldest first") List<OpsStuckJob> stuck) {

    /** A job that failed. */
    @Schema(name = "OpsFailure", description = "A job that failed")
    public record OpsFailure(
            @JsonProperty("job_id") @Schema(required = true) String jobId,
            @JsonProperty("org_id") @Schema(required = true) String orgId,
            @Schema(required = true) String queue,
            @JsonProperty("process_id") @Schema(required = true) String processId,
            @Schema(required = true) int attempt,
            @JsonProperty("error_code") String errorCode,
            @JsonProperty("error_message") String errorMessage,
            @JsonProperty("worker_id") String workerId,
            @JsonProperty("finished_at") @Schema(required = true) Instant finishedAt) {
    }

    /** How many failures had one code. */
    @Schema(name = "OpsFailureCode", description = "Failures of the window with one code")
    public record OpsFailureCode(
            @JsonProperty("error_code") @Schema(required = true) String errorCode,
            @Schema(required = true) long count) {
    }

    /** A job that does not move. */
    @Schema(name = "OpsStuckJob", description = "A running job with a stale heartbeat or a job queued too long")
    public record OpsStuckJob(
            @JsonProperty("job_id") @Schema(required = true) String jobId,
            @JsonProperty("org_id") @Schema(required = true) String orgId,
            @Schema(required = true) String queue,
            @JsonProperty("process_id") @Schema(required = true) String processId,
            @Schema(required = true, enumeration = {"queued", "running"}) String status,
            @Schema(required = true) int attempt,
            @JsonProperty("worker_id") String workerId,
            @Schema(required = true, enumeration = {"stale_heartbeat", "queued_too_long"}) String reason,
            @Schema(required = true, description = "Last heartbeat, or when it was queued") Instant since,
            @JsonProperty("age_seconds") @Schema(required = true) double ageSeconds) {
    }
}
