package com.geopera.api.contract.ops;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.outbox.replay and ops.outbox.discard. */
@Schema(name = "OpsRecordActionInput", description = "The parked outbox record to act on, and why")
public record OpsRecordActionInput(
        @NotNull @Min(1) @Schema(description = "Its id (ops.outbox.parked)") Long id,
        @Size(max = 500) @Schema(description = "Why (kept in the audit)") String reason) {
}
