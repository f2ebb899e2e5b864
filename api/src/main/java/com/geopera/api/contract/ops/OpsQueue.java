package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One worker queue as operators see it (docs/OPERATIONS-GUIDE.md, ops.queues). */
@Schema(name = "OpsQueue", description = "One worker queue")
public record OpsQueue(
        @Schema(required = true) String queue,
        @Schema(required = true, description = "Its dispatch topic") String topic,
        @Schema(required = true) boolean paused,
        @JsonProperty("paused_at") Instant pausedAt,
        @JsonProperty("paused_by") @Schema(description = "Principal that paused it") String pausedBy,
        @JsonProperty("pause_reason") String pauseReason,
        @Schema(description = "Dispatch records not yet taken by the worker group; absent when Kafka is unreadable")
        Long backlog,
        @Schema(required = true, description = "Its dispatch rows still in the outbox (held while paused)")
        long unpublished,
        @Schema(required = true, description = "Jobs in status queued") long queued,
        @Schema(required = true, description = "Jobs in status running") long running,
        @JsonProperty("oldest_queued_at") Instant oldestQueuedAt,
        @JsonProperty("oldest_queued_age_seconds") @Schema(required = true) double oldestQueuedAgeSeconds,
        @JsonProperty("workers_alive") @Schema(required = true) int workersAlive,
        @Schema(required = true) OpsThroughput throughput,
        @Schema(required = true, description = "Its partitions; empty when Kafka is unreadable")
        List<OpsPartition> partitions) {

    /** Finished jobs of the queue over the last 5 and 60 minutes. */
    @Schema(name = "OpsThroughput", description = "Finished jobs over the last 5 and 60 minutes")
    public record OpsThroughput(
            @JsonProperty("last_5m") @Schema(required = true) OpsWindow last5m,
            @JsonProperty("last_60m") @Schema(required = true) OpsWindow last60m) {
    }

    /** Jobs that finished within one window, by final status. */
    @Schema(name = "OpsWindow", description = "Jobs that finished within a window")
    public record OpsWindow(
            @Schema(required = true) long succeeded,
            @Schema(required = true) long failed,
            @Schema(required = true) long cancelled,
            @JsonProperty("finished_per_minute") @Schema(required = true) double finishedPerMinute,
            @JsonProperty("failure_rate") @Schema(required = true, description = "failed / (succeeded + failed)")
            double failureRate) {
    }

    /** One partition of the queue's topic. */
    @Schema(name = "OpsPartition", description = "One partition of a dispatch topic")
    public record OpsPartition(
            @Schema(required = true) int partition,
            @JsonProperty("end_offset") @Schema(required = true) long endOffset,
            @JsonProperty("committed_offset") @Schema(description = "The worker group's; absent before its first "
                    + "commit") Long committedOffset,
            @Schema(required = true) long backlog,
            @Schema(description = "A live worker the share group assigns it to (the first by id when several "
                    + "read it, as all do a one-partition topic)") String owner) {
    }
}
