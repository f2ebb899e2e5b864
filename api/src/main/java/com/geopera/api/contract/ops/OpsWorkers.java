package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.workers. */
@Schema(name = "OpsWorkers", description = "The workers heard from recently, from their heartbeats")
public record OpsWorkers(
        @JsonProperty("as_of") @Schema(required = true) Instant asOf,
        @JsonProperty("heartbeat_timeout_seconds") @Schema(required = true) long heartbeatTimeoutSeconds,
        @Schema(required = true) List<OpsWorker> workers) {

    /** One worker process. */
    @Schema(name = "OpsWorker", description = "One worker process, as its last heartbeat said")
    public record OpsWorker(
            @JsonProperty("worker_id") @Schema(required = true) String workerId,
            @Schema(required = true) String version,
            @Schema(required = true) List<String> queues,
            @Schema(required = true) int slots,
            @JsonProperty("slots_busy") @Schema(required = true) int slotsBusy,
            @JsonProperty("slots_free") @Schema(required = true) int slotsFree,
            @Schema(required = true) List<OpsRunningAttempt> running,
            @Schema(required = true) List<OpsWorkerPartition> partitions,
            @JsonProperty("started_at") @Schema(required = true) Instant startedAt,
            @JsonProperty("last_heartbeat_at") @Schema(required = true) Instant lastHeartbeatAt,
            @JsonProperty("heartbeat_age_seconds") @Schema(required = true) double heartbeatAgeSeconds,
            @Schema(required = true) boolean alive) {
    }

    /** An attempt a worker runs. */
    @Schema(name = "OpsRunningAttempt", description = "An attempt running on a worker")
    public record OpsRunningAttempt(
            @JsonProperty("job_id") @Schema(required = true) String jobId,
            @Schema(required = true) int attempt,
            @Schema(required = true) String queue,
            @JsonProperty("process_id") @Schema(required = true) String processId) {
    }

    /** A dispatch partition a worker owns. */
    @Schema(name = "OpsWorkerPartition", description = "A dispatch partition owned by a worker")
    public record OpsWorkerPartition(
            @Schema(required = true) String queue,
            @Schema(required = true) int partition) {
    }
}
