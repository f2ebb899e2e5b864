package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.KnownScopes;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of auth.sessions.create. */
@Schema(name = "SessionCreateInput", description = "A session token to make with the calling API key")
public record SessionCreateInput(
        @KnownScopes @Schema(description = "Scopes of the session, a subset of the key's (default: all of them)")
        List<String> scopes,
        @JsonProperty("ttl_seconds") @Min(1) @Schema(description = "Lifetime of the token, capped by "
                + "geopera.auth.session-max-ttl") Integer ttlSeconds) {

    /** Absent scopes are none asked for (the key's). */
    public SessionCreateInput {
        scopes = scopes == null ? List.of() : scopes;
    }
}
