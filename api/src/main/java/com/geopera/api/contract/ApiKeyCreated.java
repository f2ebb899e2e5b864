package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.api_keys.create: the only time the secret is shown. */
@Schema(name = "ApiKeyCreated", description = "A new API key; api_key is shown once")
public record ApiKeyCreated(
        @JsonProperty("key_id") @Schema(required = true) String keyId,
        @JsonProperty("api_key") @Schema(required = true, description = "The secret (gpra_…), shown only here")
        String apiKey,
        @JsonProperty("principal_id") @Schema(required = true) String principalId,
        @JsonProperty("org_id") @Schema(description = "None for admin and platform:worker keys") String orgId,
        @Schema(required = true) String name,
        @Schema(required = true) List<String> scopes,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt) {
}
