package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.credits.balance. */
@Schema(name = "CreditsBalanceInput", description = "The organisation whose balance to read")
public record CreditsBalanceInput(
        @JsonProperty("org_id") @NotBlank @Identifier @Schema(description = "The organisation") String orgId) {
}
