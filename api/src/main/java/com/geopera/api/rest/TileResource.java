package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.service.TileService;
import com.geopera.common.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * XYZ tiles of a job's raster output, by GET, with the signed {@code token} of {@code tile_info} in the URL or a
 * bearer header with {@code clip:read} (docs/TILES.md). Thin: {@link TileService} does the work. Each map resource
 * has its own class path below the job: a class at {@code /v1/processing/jobs/{job_id}} would also match
 * {@code /v1/processing/jobs/list} and hide it.
 */
@Path("/v1/processing/jobs/{job_id}/tiles")
@TileCors
public class TileResource {
    @Inject
    TileService tiles;
    @Inject
    TileAnswers answers;
    @Context
    UriInfo uri;

    @GET
    @Path("{z}/{x}/{y: [^/.]+}.{format}")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The tile (an empty transparent tile, X-Tile-Empty: true, outside the data)", content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/png"), @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/webp"), @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/jpeg")})
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response tile(@PathParam("job_id") String jobId, @PathParam("z") String z, @PathParam("x") String x,
            @PathParam("y") String y, @PathParam("format") String format, @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Caller caller = answers.caller(jobId, token);
        Response refusal = answers.limited(caller);
        if (refusal != null) {
            return refusal;
        }
        return answers.image(tiles.tile(caller, jobId, z, x, y, format, uri.getQueryParameters()), ifNoneMatch);
    }

    @OPTIONS
    @Path("{z}/{x}/{y: [^/.]+}.{format}")
    public Response preflight() {
        return Response.noContent().build();
    }
}
