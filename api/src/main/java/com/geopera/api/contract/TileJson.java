package com.geopera.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of processing.job.tile_info: TileJSON 3.0 of a succeeded clip or bathy job, plus its bands. */
@Schema(name = "TileJson", description = "TileJSON 3.0.0 of a succeeded clip or bathy job")
public record TileJson(
        @Schema(required = true, examples = "3.0.0") String tilejson,
        String name,
        @Schema(examples = "xyz") String scheme,
        @Schema(required = true, description = "Tile URL templates ({z}/{x}/{y})") List<String> tiles,
        @Schema(description = "west, south, east, north in EPSG:4326", minItems = 4, maxItems = 4) List<Double> bounds,
        @Schema(description = "longitude, latitude, zoom", minItems = 3, maxItems = 3) List<Number> center,
        int minzoom,
        int maxzoom,
        @Schema(description = "Name of the output the tiles are made from") String output,
        @Schema(description = "CRS of the output, e.g. EPSG:4326") JsonNode crs,
        List<Band> bands) {

    /** One band of the output. */
    @Schema(name = "TileBand", description = "One band of a tiled output")
    public record Band(
            int band,
            @com.fasterxml.jackson.annotation.JsonProperty("data_type") String dataType,
            @Schema(description = "The nodata value, if any") JsonNode nodata,
            @Schema(ref = "JsonObject", description = "min, max, mean, stddev") JsonNode statistics) {
    }
}
