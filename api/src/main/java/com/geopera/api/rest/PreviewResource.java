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

/** A quicklook of a job's whole raster output ({@code max_size}, the render parameters of tiles); docs/TILES.md. */
@Path("/v1/processing/jobs/{job_id}/preview.{format}")
@TileCors
public class PreviewResource {
    @Inject
    TileService tiles;
    @Inject
    TileAnswers answers;
    @Context
    UriInfo uri;

    @GET
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The whole output as one image", content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/png"), @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/webp"), @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/jpeg")})
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response preview(@PathParam("job_id") String jobId, @PathParam("format") String format,
            @QueryParam("token") String token, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Caller caller = answers.caller(jobId, token);
        Response refusal = answers.limited(caller);
        if (refusal != null) {
            return refusal;
        }
        return answers.image(tiles.preview(caller, jobId, format, uri.getQueryParameters()), ifNoneMatch);
    }

    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
