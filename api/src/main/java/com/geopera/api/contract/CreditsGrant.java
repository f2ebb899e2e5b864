package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.credits.grant: the balance after the grant, and the grant. */
@Schema(name = "CreditsGrant", description = "The balance after a grant, and the grant")
public record CreditsGrant(
        @JsonProperty("org_id") @Schema(required = true) String orgId,
        @Schema(required = true) long posted,
        @Schema(required = true) long pending,
        @Schema(required = true) long available,
        @JsonProperty("invariants_ok") @Schema(required = true) boolean invariantsOk,
        @Schema(required = true) List<CreditsBalance.LedgerViolation> violations,
        @Schema(required = true) long granted,
        @Schema(required = true) String reference,
        @JsonProperty("already_granted") @Schema(required = true, description = "True when this reference was "
                + "granted before (nothing added)") boolean alreadyGranted) {
}
