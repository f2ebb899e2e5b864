package com.geopera.api.rest;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.RequestBody;
import com.geopera.api.service.AuthService;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Session tokens: obtained with an API key, with the key's scopes or fewer, short-lived (capped), revocable. */
@Path("/v1/auth")
public class AuthResource {
    @Inject
    AuthService auth;
    @Inject
    CurrentCaller current;
    @Inject
    ApiConfig config;

    @POST
    @Path("sessions/create")
    @RequiresScope
    public Response create(byte[] body) {
        RequestBody r = RequestBody.parse(body, config.jobs().maxBodyBytes());
        List<String> scopes = r.optionalStringList("scopes");
        Integer ttlSeconds = r.optionalInt("ttl_seconds", 1, Integer.MAX_VALUE);
        r.throwIfInvalid();
        return Http.json(201, auth.createSession(current.get(), scopes, ttlSeconds));
    }

    @POST
    @Path("sessions/revoke")
    @RequiresScope
    public Response revoke(byte[] body) {
        RequestBody r = RequestBody.parse(body, config.jobs().maxBodyBytes());
        String sessionId = r.requiredString("session_id");
        r.throwIfInvalid();
        return Http.ok(auth.revokeSession(current.get(), sessionId));
    }

    /** Revokes the session whose token made the call: after it, that token is refused with 401. */
    @POST
    @Path("logout")
    @RequiresScope
    public Response logout(byte[] body) {
        RequestBody.parse(body, config.jobs().maxBodyBytes()).throwIfInvalid();
        return Http.ok(auth.logout(current.get()));
    }
}
