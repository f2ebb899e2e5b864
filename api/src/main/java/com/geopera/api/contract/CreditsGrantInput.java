package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.credits.grant. */
@Schema(name = "CreditsGrantInput", description = "Credits to add to an organisation")
public record CreditsGrantInput(
        @JsonProperty("org_id") @NotBlank @Identifier @Schema(description = "The organisation") String orgId,
        @NotNull @Min(1) @Schema(description = "Credits to add") Long credits,
        @NonBlank @Schema(description = "Reference of the grant: a repeated reference grants once") String reference) {
}
