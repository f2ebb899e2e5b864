package com.geopera.imagery.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What rendering needs to know of one band of an output, read from the output's metadata as
 * {@code raster.OutputMetadata} writes it ({@code bands[].statistics.percentile_2 / percentile_98 / minimum /
 * maximum}); absent statistics (a band without a valid pixel) are null.
 */
public record BandInfo(int band, String dataType, Double percentile2, Double percentile98, Double minimum,
                       Double maximum) {

    /** The bands of an output's metadata ({@code bands[]}), in order. */
    public static List<BandInfo> of(JsonNode metadata) {
        List<BandInfo> bands = new ArrayList<>();
        for (JsonNode band : metadata.path("bands")) {
            JsonNode stats = band.path("statistics");
            bands.add(new BandInfo(band.path("band").asInt(bands.size() + 1), band.path("data_type").asText(null),
                    number(stats, "percentile_2"), number(stats, "percentile_98"), number(stats, "minimum"),
                    number(stats, "maximum")));
        }
        return bands;
    }

    /** The 2nd–98th percentile range, else min–max, else the data type's range; never empty. */
    public RenderParams.Range stretch() {
        if (percentile2 != null && percentile98 != null && percentile98 > percentile2) {
            return new RenderParams.Range(percentile2, percentile98);
        }
        if (minimum != null && maximum != null && maximum > minimum) {
            return new RenderParams.Range(minimum, maximum);
        }
        if (minimum != null) {
            return new RenderParams.Range(minimum, minimum + 1);
        }
        return "Byte".equals(dataType) ? new RenderParams.Range(0, 255) : new RenderParams.Range(0, 1);
    }

    private static Double number(JsonNode stats, String field) {
        JsonNode v = stats.path(field);
        return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }
}
