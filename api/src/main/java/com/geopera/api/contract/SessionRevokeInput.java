package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of auth.sessions.revoke. */
@Schema(name = "SessionRevokeInput", description = "A session of the calling key to end")
public record SessionRevokeInput(
        @JsonProperty("session_id") @NotBlank @Identifier @Schema(description = "The session (ses_…)") String sessionId) {
}
