package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.service.TileService;
import com.geopera.api.service.TileTokens;
import com.geopera.common.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The TileJSON of a job's raster output by GET, so a map or QGIS can load it with the token alone: with a token its
 * URLs carry that same token (never a longer-lived one), with a bearer header a new one. docs/TILES.md.
 */
@Path("/v1/processing/jobs/{job_id}/tilejson.json")
@TileCors
public class TileJsonResource {
    @Inject
    TileService tiles;
    @Inject
    TileTokens tokens;
    @Inject
    TileAnswers answers;
    @Inject
    PublicUrl publicUrl;
    @Context
    UriInfo uri;

    @GET
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "TileJSON of the job's raster output", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = com.geopera.api.contract.TileJson.class)))
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response tileJson(@PathParam("job_id") String jobId, @QueryParam("token") String token) {
        Caller caller = answers.caller(jobId, token);
        Response refusal = answers.limited(caller);
        if (refusal != null) {
            return refusal;
        }
        TileTokens.Issued issued = answers.byToken()
                ? new TileTokens.Issued(token, tokens.expiry(token)) : tokens.issue(caller.orgId(), jobId);
        return Response.ok(Http.bytes(tiles.tileJson(caller, jobId, uri.getQueryParameters(), publicUrl.base(), issued)))
                .type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
