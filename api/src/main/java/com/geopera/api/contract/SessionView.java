package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of auth.sessions.create. */
@Schema(name = "Session", description = "A session token (gprs_…), shown once")
public record SessionView(
        @JsonProperty("session_id") @Schema(required = true) String sessionId,
        @Schema(required = true, description = "The bearer token (gprs_…)") String token,
        @JsonProperty("token_type") @Schema(required = true, examples = "Bearer") String tokenType,
        @JsonProperty("key_id") @Schema(required = true) String keyId,
        @JsonProperty("org_id") String orgId,
        @Schema(required = true) List<String> scopes,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt,
        @JsonProperty("expires_at") @Schema(required = true) Instant expiresAt) {
}
