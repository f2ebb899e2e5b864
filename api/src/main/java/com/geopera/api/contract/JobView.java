package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as clients see it; members that are null are left out of the JSON. */
@Schema(name = "Job", description = "A processing job")
public record JobView(
        @JsonProperty("job_id") @Schema(required = true, examples = "job_01JD6Z0Q4K3V") String jobId,
        @Schema(required = true, enumeration = {"created", "queued", "running", "succeeded", "failed", "cancelled"})
        String status,
        @JsonProperty("ogc_status") @Schema(required = true, description = "OGC API – Processes status",
                enumeration = {"accepted", "running", "successful", "failed", "dismissed"}) String ogcStatus,
        @JsonProperty("process_id") @Schema(required = true) String processId,
        @JsonProperty("process_version") String processVersion,
        @JsonProperty("job_type") String jobType,
        @Schema(description = "Worker queue of the job") String queue,
        String title,
        @JsonProperty("org_id") @Schema(required = true) String orgId,
        @JsonProperty("workspace_id") String workspaceId,
        @JsonProperty("project_id") String projectId,
        @Schema(ref = "JsonObject", description = "The inputs as given; left out of list pages unless "
                + "include lists \"inputs\"") JsonNode inputs,
        @Schema(required = true, description = "Percent done, 0 to 100") int progress,
        @Schema(required = true, description = "0 until the first dispatch") int attempt,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt,
        @JsonProperty("updated_at") @Schema(required = true) Instant updatedAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("heartbeat_at") Instant heartbeatAt,
        @Schema(description = "Why the job failed (status failed)") JobError error,
        @Schema(required = true) List<JobOutputView> outputs,
        @JsonProperty("outputs_deleted_at") @Schema(description = "When retention deleted the output files")
        Instant outputsDeletedAt,
        @Schema(required = true) JobBilling billing) {

    /** The same job without its inputs (list pages). */
    public JobView withoutInputs() {
        return new JobView(jobId, status, ogcStatus, processId, processVersion, jobType, queue, title, orgId,
                workspaceId, projectId, null, progress, attempt, workerId, createdAt, updatedAt, startedAt, finishedAt,
                heartbeatAt, error, outputs, outputsDeletedAt, billing);
    }

    /** Why a job failed. */
    @Schema(name = "JobError", description = "Why a job failed")
    public record JobError(
            @Schema(required = true, description = "Stable failure code, e.g. invalid_inputs, attempts_exhausted")
            String code,
            String message) {
    }

    /** What the job costs: estimate, hold, charge and release. */
    @Schema(name = "JobBilling", description = "The job's credits: estimated, held, charged and released")
    public record JobBilling(
            @JsonProperty("estimated_credits") @Schema(required = true) long estimatedCredits,
            @JsonProperty("reserved_credits") @Schema(required = true) long reservedCredits,
            @JsonProperty("charged_credits") @Schema(required = true) long chargedCredits,
            @JsonProperty("released_credits") @Schema(required = true) long releasedCredits,
            @Schema(required = true, enumeration = {"none", "reserved", "settled", "released"}) String status) {
    }
}
