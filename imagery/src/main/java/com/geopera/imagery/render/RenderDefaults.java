package com.geopera.imagery.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.imagery.render.RenderParams.Range;
import com.geopera.imagery.render.RenderParams.Resampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The render parameters an output is drawn with when a request names none, per process. Written into the output's
 * metadata as {@code render} when a run finishes; outputs written before that get the same rules from their
 * {@code process_id} and band statistics.
 *
 * <ul>
 * <li>{@code ndvi}: band 1, −1…1, {@code rdylgn}, bilinear.</li>
 * <li>{@code bathymetry}: band 1, 2nd–98th percentile, {@code depth}, bilinear.</li>
 * <li>{@code hillshade}: band 1, 1…255 (0 is nodata), {@code greys}, bilinear.</li>
 * <li>image copies ({@code clip}, {@code reproject}, {@code cog} and any other process): bands 1,2,3 as RGB when
 * there are three or more, else band 1 in greys; each band stretched over its 2nd–98th percentile; nearest, so the
 * pixels shown are the output's own.</li>
 * </ul>
 */
public final class RenderDefaults {
    public static final int DEFAULT_TILE_SIZE = 256;
    /** Key of the defaults in an output's metadata. */
    public static final String METADATA_KEY = "render";

    private RenderDefaults() {
    }

    /** The defaults of an output of {@code processId} with these bands. */
    public static RenderParams of(String processId, List<BandInfo> bands) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("an output without bands cannot be drawn");
        }
        String id = processId == null ? "" : processId;
        return switch (id) {
            case "ndvi" -> single(new Range(-1, 1), "rdylgn", Resampling.BILINEAR);
            case "bathymetry" -> single(bands.get(0).stretch(), "depth", Resampling.BILINEAR);
            case "hillshade" -> single(new Range(1, 255), "greys", Resampling.BILINEAR);
            default -> copyOfImage(bands);
        };
    }

    /** The defaults stored in {@code metadata.render}, else those of its process and bands. */
    public static RenderParams of(JsonNode metadata) {
        List<BandInfo> bands = BandInfo.of(metadata);
        RenderParams stored = stored(metadata.path(METADATA_KEY), bands.size());
        return stored != null ? stored : of(metadata.path("process_id").asText(null), bands);
    }

    /** The defaults as written into an output's metadata. */
    public static Map<String, Object> toMetadata(RenderParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bidx", params.bidx());
        m.put("rescale", params.rescale().stream().map(r -> List.of(r.min(), r.max())).toList());
        m.put("colormap", params.colormap());
        m.put("resampling", params.resampling().gdalName());
        m.put("tilesize", params.tileSize());
        return m;
    }

    private static RenderParams single(Range range, String colormap, Resampling resampling) {
        return new RenderParams(List.of(1), List.of(range), colormap, resampling, DEFAULT_TILE_SIZE);
    }

    private static RenderParams copyOfImage(List<BandInfo> bands) {
        List<Integer> bidx = bands.size() >= 3 ? List.of(1, 2, 3) : List.of(1);
        List<Range> ranges = new ArrayList<>();
        for (int b : bidx) {
            ranges.add(bands.get(b - 1).stretch());
        }
        return new RenderParams(bidx, ranges, null, Resampling.NEAREST, DEFAULT_TILE_SIZE);
    }

    /** Stored defaults, or null when absent or not usable with {@code bandCount} bands. */
    private static RenderParams stored(JsonNode render, int bandCount) {
        if (!render.isObject() || !render.path("bidx").isArray() || !render.path("rescale").isArray()) {
            return null;
        }
        List<Integer> bidx = new ArrayList<>();
        for (JsonNode b : render.path("bidx")) {
            if (!b.canConvertToInt() || b.asInt() < 1 || b.asInt() > bandCount) {
                return null;
            }
            bidx.add(b.asInt());
        }
        List<Range> ranges = new ArrayList<>();
        for (JsonNode r : render.path("rescale")) {
            if (!r.isArray() || r.size() != 2 || !(r.get(1).asDouble() > r.get(0).asDouble())) {
                return null;
            }
            ranges.add(new Range(r.get(0).asDouble(), r.get(1).asDouble()));
        }
        Resampling resampling = Resampling.of(render.path("resampling").asText(""));
        String colormap = render.path("colormap").isTextual() ? render.path("colormap").asText() : null;
        if (bidx.isEmpty() || ranges.size() != bidx.size() || resampling == null
                || (colormap != null && !Colormaps.exists(colormap))) {
            return null;
        }
        return new RenderParams(bidx, ranges, colormap, resampling, DEFAULT_TILE_SIZE);
    }
}
