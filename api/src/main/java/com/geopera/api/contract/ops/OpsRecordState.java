package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of ops.outbox.replay and ops.outbox.discard. */
@Schema(name = "OpsRecordState", description = "A parked record after the action")
public record OpsRecordState(
        @Schema(required = true) long id,
        @Schema(required = true, enumeration = {"pending", "discarded"}) String state,
        @JsonProperty("audit_id") @Schema(required = true) long auditId) {
}
