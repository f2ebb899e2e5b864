package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of auth.sessions.revoke and auth.logout. */
@Schema(name = "SessionRevoked", description = "An ended session")
public record SessionRevoked(
        @JsonProperty("session_id") @Schema(required = true) String sessionId,
        @Schema(required = true) boolean revoked) {
}
