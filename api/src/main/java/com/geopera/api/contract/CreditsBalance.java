package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.credits.balance. */
@Schema(name = "CreditsBalance", description = "An organisation's credits and the ledger's invariant check")
public record CreditsBalance(
        @JsonProperty("org_id") @Schema(required = true) String orgId,
        @Schema(required = true, description = "Credits granted minus credits charged") long posted,
        @Schema(required = true, description = "Credits held by jobs not finished") long pending,
        @Schema(required = true, description = "posted - pending") long available,
        @JsonProperty("invariants_ok") @Schema(required = true) boolean invariantsOk,
        @Schema(required = true) List<LedgerViolation> violations) {

    /** One broken ledger invariant. */
    @Schema(name = "LedgerViolation", description = "One broken ledger invariant")
    public record LedgerViolation(@Schema(required = true) String code, String subject, String detail) {
    }
}
