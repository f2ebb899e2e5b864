package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.service.JobService;
import com.geopera.api.service.RequestRates;
import com.geopera.api.service.TileTokens;
import com.geopera.common.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The job map page, {@code GET /v1/processing/jobs/{job_id}/map?token=…} (docs/TILES.md "Map page"): authorized
 * exactly like the job's tiles — its signed token from {@code tile_info}, or a bearer with {@code clip:read} — and
 * for a job of the caller's org only. The page itself then loads the TileJSON and tiles with the same token.
 */
@Path("/v1/processing/jobs/{job_id}/map")
public class MapPageResource {
    @Inject
    TileTokens tokens;
    @Inject
    JobService jobs;
    @Inject
    CurrentCaller current;
    @Inject
    RequestRates rates;
    @Inject
    MapPage page;

    @GET
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The map page", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "text/html"))
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response map(@PathParam("job_id") String jobId, @QueryParam("token") String token) {
        Caller caller = tokens.caller(current.orNull(), token, jobId);
        if (current.orNull() == null) {
            Response refusal = RateLimitFilter.refusal(rates.admit(caller));
            if (refusal != null) {
                return refusal;
            }
        }
        jobs.get(caller, jobId);
        return page.response();
    }
}
