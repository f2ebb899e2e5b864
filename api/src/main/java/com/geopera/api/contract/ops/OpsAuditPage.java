package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.audit. */
@Schema(name = "OpsAuditPage", description = "Operator actions, newest first")
public record OpsAuditPage(
        @Schema(required = true) List<OpsAuditEntry> entries,
        @JsonProperty("next_before_id") @Schema(description = "before_id of the next page; absent on the last")
        Long nextBeforeId) {

    /** One operator action: who, what, when. */
    @Schema(name = "OpsAuditEntry", description = "One operator action")
    public record OpsAuditEntry(
            @JsonProperty("audit_id") @Schema(required = true) long auditId,
            @Schema(required = true) Instant at,
            @JsonProperty("principal_id") @Schema(required = true) String principalId,
            @JsonProperty("key_id") String keyId,
            @JsonProperty("session_id") String sessionId,
            @Schema(required = true, description = "The operation, e.g. ops.queues.pause") String action,
            @Schema(required = true, description = "A queue, job id or outbox record id") String target,
            String reason,
            @Schema(required = true) ObjectNode detail) {
    }
}
