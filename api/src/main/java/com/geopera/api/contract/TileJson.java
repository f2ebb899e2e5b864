package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * TileJSON 3.0.0 of a raster output (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) plus what a map page
 * shows beside the map: the output's bands with their statistics as the imagery module writes them
 * ({@code minimum, maximum, mean, stddev, percentile_2, percentile_98}), the colormaps, the default and effective
 * render parameters, a quicklook URL, the job's map page URL and a summary of the job.
 */
@Schema(name = "TileJson", description = "TileJSON 3.0.0 of a raster output, with its bands, render parameters and a job summary")
public record TileJson(
        @JsonProperty("tilejson") String tilejson,
        @JsonProperty("name") String name,
        @JsonProperty("scheme") String scheme,
        @JsonProperty("tiles") List<String> tiles,
        @JsonProperty("bounds") List<Double> bounds,
        @JsonProperty("center") List<Number> center,
        @JsonProperty("minzoom") int minzoom,
        @JsonProperty("maxzoom") int maxzoom,
        @JsonProperty("output") String output,
        @JsonProperty("outputs") List<String> outputs,
        @JsonProperty("crs") @Schema(description = "CRS of the output") JsonNode crs,
        @JsonProperty("bands") List<Band> bands,
        @JsonProperty("colormaps") List<String> colormaps,
        @JsonProperty("formats") List<String> formats,
        @JsonProperty("tilesizes") List<Integer> tilesizes,
        @JsonProperty("resamplings") List<String> resamplings,
        @JsonProperty("default_render") @Schema(ref = "JsonObject") Map<String, Object> defaultRender,
        @JsonProperty("render") @Schema(ref = "JsonObject") Map<String, Object> render,
        @JsonProperty("preview") String preview,
        @JsonProperty("map") String map,
        @JsonProperty("tilejson_url") String tilejsonUrl,
        @JsonProperty("token_expires_at") Instant tokenExpiresAt,
        @JsonProperty("job") JobSummary job) {

    /** One band of the output: its statistics exactly as stored in the output's metadata. */
    @Schema(name = "TileBand", description = "One band of a tiled output")
    public record Band(
            @JsonProperty("band") int band,
            @JsonProperty("data_type") String dataType,
            @JsonProperty("nodata") @Schema(description = "The nodata value, if any") JsonNode nodata,
            @JsonProperty("statistics") @Schema(ref = "JsonObject", description = "minimum, maximum, mean, stddev, percentile_2, percentile_98") JsonNode statistics) {
    }

    /** What a map page shows beside the map. */
    @Schema(name = "TileJobSummary", description = "The job beside the map")
    public record JobSummary(
            @JsonProperty("job_id") String jobId,
            @JsonProperty("title") String title,
            @JsonProperty("status") String status,
            @JsonProperty("process_id") String processId,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("billing") Billing billing) {
    }

    /** The job's credits, as in the job view. */
    @Schema(name = "TileJobBilling", description = "The job's credits")
    public record Billing(
            @JsonProperty("status") String status,
            @JsonProperty("estimated_credits") long estimatedCredits,
            @JsonProperty("reserved_credits") long reservedCredits,
            @JsonProperty("charged_credits") long chargedCredits,
            @JsonProperty("released_credits") long releasedCredits) {
    }
}
