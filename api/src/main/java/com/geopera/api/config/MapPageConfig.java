package com.geopera.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The job map page ({@code GET /v1/processing/jobs/{job_id}/map}, docs/TILES.md "Map page"). */
@ConfigMapping(prefix = "geopera.map")
public interface MapPageConfig {
    /** The value of {@link #basemapUrl()} that turns the basemap off: the output is drawn on a plain background. */
    String NO_BASEMAP = "none";

    /**
     * XYZ template of the raster basemap under the output ({@code {z}/{x}/{y}}, http or https), or {@code none}.
     * The browser loads it directly (the page's Content-Security-Policy allows its origin); when it cannot be reached
     * the page shows the output on a plain background.
     */
    @WithDefault("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    String basemapUrl();

    /** Attribution shown on the map with the basemap (its licence requires one). */
    @WithDefault("© OpenStreetMap contributors")
    String basemapAttribution();
}
