package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.api_keys.revoke. */
@Schema(name = "ApiKeyRevoked", description = "A revoked API key")
public record ApiKeyRevoked(
        @JsonProperty("key_id") @Schema(required = true) String keyId,
        @JsonProperty("org_id") String orgId,
        @Schema(required = true) boolean revoked,
        @JsonProperty("revoked_at") @Schema(required = true) Instant revokedAt) {
}
