package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.queues.pause and ops.queues.resume. */
@Schema(name = "OpsQueueState", description = "Whether a queue is paused after the action")
public record OpsQueueState(
        @Schema(required = true) String queue,
        @Schema(required = true) boolean paused,
        @Schema(required = true, description = "False when the queue already was so") boolean changed,
        @JsonProperty("paused_at") Instant pausedAt,
        @JsonProperty("paused_by") String pausedBy,
        @JsonProperty("pause_reason") String pauseReason,
        @Schema(required = true, description = "Its dispatch rows still in the outbox") long unpublished,
        @JsonProperty("audit_id") @Schema(required = true) long auditId) {
}
