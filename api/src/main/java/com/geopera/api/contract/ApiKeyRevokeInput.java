package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.api_keys.revoke. */
@Schema(name = "ApiKeyRevokeInput", description = "The key to revoke (its sessions end with it)")
public record ApiKeyRevokeInput(
        @JsonProperty("key_id") @NotBlank @Identifier @Schema(description = "The key") String keyId) {
}
