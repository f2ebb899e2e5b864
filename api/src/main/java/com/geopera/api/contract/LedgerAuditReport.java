package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.ledger.audit. */
@Schema(name = "LedgerAuditReport", description = "The whole ledger recomputed from its journal and checked against "
        + "the jobs")
public record LedgerAuditReport(
        @JsonProperty("invariants_ok") @Schema(required = true, description = "True when nothing disagrees")
        boolean invariantsOk,
        @Schema(required = true) List<CreditsBalance.LedgerViolation> violations,
        @JsonProperty("checked_at") @Schema(required = true) Instant checkedAt,
        @JsonProperty("duration_ms") @Schema(required = true, description = "How long the audit took") long durationMs) {
}
