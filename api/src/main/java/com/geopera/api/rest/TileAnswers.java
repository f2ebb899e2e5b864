package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.DrawnImages;
import com.geopera.api.service.RequestRates;
import com.geopera.api.service.TileService;
import com.geopera.api.service.TileTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * What the tile, preview and TileJSON resources share: who the caller is (bearer or token), the rate limit of a
 * token's org, and the image answer with its ETag, 304 and caching headers.
 */
@RequestScoped
public class TileAnswers {
    @Inject
    TileTokens tokens;
    @Inject
    CurrentCaller current;
    @Inject
    RequestRates rates;
    @Inject
    ApiConfig config;
    @Inject
    DrawnImages drawn;

    /** The bearer caller when a header was sent, else the token's. */
    Caller caller(String jobId, String token) {
        return tokens.caller(current.orNull(), token, jobId);
    }

    boolean byToken() {
        return current.orNull() == null;
    }

    /** A token's org is counted by the rate limit as the filter counts bearers: the 429 answer, or null. */
    Response limited(Caller caller) {
        return byToken() ? RateLimitFilter.refusal(rates.admit(caller)) : null;
    }

    Response image(TileService.Image image, String ifNoneMatch) {
        String cacheControl = "private, max-age=" + config.tiles().cacheMaxAge().toSeconds() + ", immutable";
        if (matches(ifNoneMatch, image.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, image.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
        }
        byte[] body = image.empty() ? image.body().get() : drawn.get(image.etag(), image.body());
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
