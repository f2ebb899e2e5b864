package com.geopera.api.rest;

import com.geopera.api.contract.EmptyInput;
import com.geopera.api.contract.SessionCreateInput;
import com.geopera.api.contract.SessionRevokeInput;
import com.geopera.api.contract.SessionRevoked;
import com.geopera.api.contract.SessionView;
import com.geopera.api.mapping.Answers;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.service.AuthService;
import com.geopera.common.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Session tokens: obtained with an API key, with the key's scopes or fewer, short-lived (capped), revocable. */
@Path("/v1/auth")
public class AuthResource {
    @Inject
    AuthService auth;
    @Inject
    CurrentCaller current;
    @Inject
    BodyReader bodies;

    @POST
    @Path("sessions/create")
    @RequiresScope
    @Operation(summary = "Create a session token with the calling API key")
    @APIResponse(responseCode = "201", description = "The session; its token is shown only here", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionView.class)))
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SessionCreateInput.class))) byte[] body) {
        SessionCreateInput input = bodies.require(body, SessionCreateInput.class);
        return Http.json(201, Answers.typed(auth.createSession(current.get(), input.scopes(), input.ttlSeconds()),
                SessionView.class));
    }

    @POST
    @Path("sessions/revoke")
    @RequiresScope
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Revoke a session of the calling key")
    @APIResponse(responseCode = "200", description = "The ended session", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionRevoked.class)))
    public Response revoke(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SessionRevokeInput.class))) byte[] body) {
        SessionRevokeInput input = bodies.require(body, SessionRevokeInput.class);
        return Http.ok(Answers.typed(auth.revokeSession(current.get(), input.sessionId()), SessionRevoked.class));
    }

    /** Revokes the session whose token made the call: after it, that token is refused with 401. */
    @POST
    @Path("logout")
    @RequiresScope
    @Operation(summary = "End the session of the calling session token", description = "With an API key: 422 "
            + "(keys are revoked by an admin)")
    @APIResponse(responseCode = "200", description = "The ended session", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionRevoked.class)))
    public Response logout(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmptyInput.class))) byte[] body) {
        bodies.require(body, EmptyInput.class);
        return Http.ok(Answers.typed(auth.logout(current.get()), SessionRevoked.class));
    }
}
