package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.service.RequestRates;
import com.geopera.api.service.TileService;
import com.geopera.api.service.TileTokens;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Map access to a job's raster outputs: XYZ tiles, TileJSON and a quicklook, by GET, with the signed {@code token}
 * of {@code tile_info} in the URL or a bearer header with {@code clip:read}. Thin: {@link TileService} does the work.
 */
@Path("/v1/processing/jobs/{job_id}")
@TileCors
public class TileResource {
    @Inject
    TileService tiles;
    @Inject
    TileTokens tokens;
    @Inject
    CurrentCaller current;
    @Inject
    PublicUrl publicUrl;
    @Inject
    ApiConfig config;
    @Inject
    RequestRates rates;
    @Context
    UriInfo uri;

    @GET
    @Path("tiles/{z}/{x}/{y: [^/.]+}.{format}")
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response tile(@PathParam("job_id") String jobId, @PathParam("z") String z, @PathParam("x") String x,
            @PathParam("y") String y, @PathParam("format") String format, @QueryParam("token") String token,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Caller caller = caller(jobId, token);
        Response refusal = limited(caller);
        if (refusal != null) {
            return refusal;
        }
        return image(tiles.tile(caller, jobId, z, x, y, format, uri.getQueryParameters()), ifNoneMatch);
    }

    @GET
    @Path("preview.{format}")
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response preview(@PathParam("job_id") String jobId, @PathParam("format") String format,
            @QueryParam("token") String token, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Caller caller = caller(jobId, token);
        Response refusal = limited(caller);
        if (refusal != null) {
            return refusal;
        }
        return image(tiles.preview(caller, jobId, format, uri.getQueryParameters()), ifNoneMatch);
    }

    @GET
    @Path("tilejson.json")
    @RequiresScope(value = Scope.CLIP_READ, optional = true)
    public Response tileJson(@PathParam("job_id") String jobId, @QueryParam("token") String token) {
        Caller caller = caller(jobId, token);
        Response refusal = limited(caller);
        if (refusal != null) {
            return refusal;
        }
        TileTokens.Issued issued = current.orNull() == null
                ? new TileTokens.Issued(token, tokens.expiry(token)) : tokens.issue(caller.orgId(), jobId);
        return Response.ok(Http.bytes(tiles.tileJson(caller, jobId, uri.getQueryParameters(), publicUrl.base(), issued)))
                .type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @OPTIONS
    @Path("tiles/{z}/{x}/{y: [^/.]+}.{format}")
    public Response tilePreflight() {
        return Response.noContent().build();
    }

    @OPTIONS
    @Path("preview.{format}")
    public Response previewPreflight() {
        return Response.noContent().build();
    }

    @OPTIONS
    @Path("tilejson.json")
    public Response tileJsonPreflight() {
        return Response.noContent().build();
    }

    private Caller caller(String jobId, String token) {
        return tokens.caller(current.orNull(), token, jobId);
    }

    /** A token's org is counted by the rate limit as the filter counts bearers: the 429 answer, or null. */
    private Response limited(Caller caller) {
        return current.orNull() != null ? null : RateLimitFilter.refusal(rates.admit(caller));
    }

    private Response image(TileService.Image image, String ifNoneMatch) {
        String cacheControl = "private, max-age=" + config.tiles().cacheMaxAge().toSeconds() + ", immutable";
        if (matches(ifNoneMatch, image.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, image.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
        }
        byte[] body = image.body().get();
        Response.ResponseBuilder answer = Response.ok(body).type(image.mediaType())
                .header(HttpHeaders.ETAG, image.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header("X-Content-Type-Options", "nosniff");
        if (image.empty()) {
            answer.header("X-Tile-Empty", "true");
        }
        return answer.build();
    }

    /** RFC 9110 If-None-Match: {@code *} or a list of entity tags, weak ones compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || (tag.startsWith("W/") && tag.substring(2).equals(etag))) {
                return true;
            }
        }
        return false;
    }
}
