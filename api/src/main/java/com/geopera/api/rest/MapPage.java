package com.geopera.api.rest;

import com.geopera.api.config.MapPageConfig;
import com.geopera.api.config.PublicUrl;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The job map page (docs/TILES.md "Map page"): its HTML and the headers it is served with. The page loads its
 * script, styles, TileJSON and tiles from the api and the basemap from {@code geopera.map.basemap-url}, and nothing
 * else: the Content-Security-Policy names exactly those origins. The URL carries the job's token, so the page is
 * never cached and sends no more than its origin as Referer to another host.
 */
@Startup
@ApplicationScoped
public class MapPage {
    @Inject
    MapPageConfig config;
    @Inject
    PublicUrl publicUrl;
    @Inject
    WebPages pages;

    private Optional<String> basemapOrigin = Optional.empty();

    /** Refuses to start with a basemap URL the page could not use (a typo would otherwise only show as no basemap). */
    @PostConstruct
    void check() {
        basemapOrigin = basemapOrigin(config.basemapUrl());
    }

    /** The origin ({@code scheme://host[:port]}) of a basemap template, or empty for {@code none}. */
    static Optional<String> basemapOrigin(String template) {
        if (MapPageConfig.NO_BASEMAP.equals(template)) {
            return Optional.empty();
        }
        String problem = "geopera.map.basemap-url must be none or an http(s) URL with {z}, {x} and {y}: " + template;
        for (String part : new String[] {"{z}", "{x}", "{y}"}) {
            if (!template.contains(part)) {
                throw new IllegalStateException(problem);
            }
        }
        try {
            URI uri = new URI(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalStateException(problem);
            }
            return Optional.of(scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(problem, e);
        }
    }

    /** The page, with the headers that belong to it. */
    public Response response() {
        String html = pages.render("map", Map.of(
                "basemap_url", basemapOrigin.isPresent() ? config.basemapUrl() : "",
                "basemap_attribution", config.basemapAttribution()));
        return Response.ok(html)
                .type("text/html; charset=utf-8")
                .header("Content-Security-Policy", contentSecurityPolicy())
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * Scripts and styles from the api only (no inline code); data from the api (and its public URL, which the
     * TileJSON's tile URLs use when it differs from the address the browser used) and the basemap; MapLibre's worker
     * from the api; no frames, forms or base URL.
     */
    String contentSecurityPolicy() {
        String api = "'self' " + origin(publicUrl.base());
        String data = api + basemapOrigin.map(o -> " " + o).orElse("");
        return "default-src 'none'; script-src 'self'; style-src 'self'; worker-src 'self' blob:; "
                + "img-src " + data + " data: blob:; connect-src " + data + "; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String origin(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
