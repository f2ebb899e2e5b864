package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.KnownScopes;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.api_keys.create. */
@Schema(name = "ApiKeyCreateInput", description = "A new API key")
public record ApiKeyCreateInput(
        @JsonProperty("org_id") @NonBlank @Identifier
        @Schema(description = "Organisation of the key; none for admin and platform:worker keys") String orgId,
        @NotBlank @Schema(description = "Key name") String name,
        @NotNull @KnownScopes @Schema(description = "Scopes, e.g. processing:read, processing:process (an array or a "
                + "comma-separated string)") List<String> scopes,
        @JsonProperty("principal_id") @NonBlank @Identifier
        @Schema(description = "Existing principal to attach the key to") String principalId) {
}
