package com.geopera.api.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The operators' console, {@code GET /ops/} (docs/OPERATIONS-GUIDE.md "Web console"): a static page built by
 * api/src/main/web (its script and styles under {@code /ui/ops/}). The page is public and carries no data: it asks
 * for an operator key and reads everything from the {@code ops.*} operations with a session made from it, so the
 * scopes are enforced where they always are, in the operations. It is a plain HTTP route, not a JAX-RS resource,
 * because it is no operation of the API and has no place in its OpenAPI contract.
 */
@ApplicationScoped
public class OpsConsolePage {
    /** Where the console is served. */
    public static final String PATH = "/ops/";
    /**
     * Scripts, styles and calls to this api only (no inline code), no images but inline ones, no frames, forms or base
     * URL: a key pasted into the page can only ever go back to the api that served it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Inject
    WebPages pages;

    void install(@Observes Router router) {
        // Rendered once: the page has no per-request values, and a missing page fails the start, not a request.
        String html = pages.render("ops", Map.of());
        router.get(PATH).handler(context -> serve(context, html));
        router.get("/ops").handler(context -> context.response().setStatusCode(308)
                .putHeader(HttpHeaders.LOCATION, "ops/").end());
    }

    private static void serve(RoutingContext context, String html) {
        context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(html);
    }
}
