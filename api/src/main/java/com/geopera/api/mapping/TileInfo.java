package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Job;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.JobStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TileJSON 3.0-style rendering info of a succeeded clip or bathy job, from its first raster output's metadata
 * (bbox in EPSG:4326, min/max zoom, per-band statistics).
 */
public final class TileInfo {
    private static final Set<String> TILED_QUEUES = Set.of("clip", "bathy");

    private TileInfo() {
    }

    public static Map<String, Object> of(Job job, String base) {
        if (!TILED_QUEUES.contains(job.queue) && !TILED_QUEUES.contains(job.jobType)) {
            throw ApiProblem.invalid("not_allowed_value", "/job_id", "tile info exists for clip and bathy jobs; "
                    + job.jobId + " is a " + job.jobType + " job");
        }
        if (job.status != JobStatus.SUCCEEDED || job.outputs == null || job.outputs.isEmpty()) {
            throw ApiProblem.of(ErrorCode.OUTPUT_NOT_READY, "job " + job.jobId + " is " + job.status.wireName());
        }
        JsonNode output = job.outputs.get(0);
        for (JsonNode candidate : job.outputs) {
            if (candidate.path("metadata").has("bbox")) {
                output = candidate;
                break;
            }
        }
        JsonNode metadata = output.path("metadata");
        Map<String, Object> tile = new LinkedHashMap<>();
        tile.put("tilejson", "3.0.0");
        tile.put("name", job.title == null ? job.jobId : job.title);
        tile.put("scheme", "xyz");
        tile.put("tiles", List.of(base + "v1/processing/jobs/" + job.jobId + "/tiles/{z}/{x}/{y}.png"));
        JsonNode bbox = metadata.path("bbox");
        int minZoom = metadata.path("minzoom").asInt(0);
        int maxZoom = metadata.path("maxzoom").asInt(Math.max(minZoom, 18));
        if (bbox.isArray() && bbox.size() == 4) {
            double west = bbox.get(0).asDouble();
            double south = bbox.get(1).asDouble();
            double east = bbox.get(2).asDouble();
            double north = bbox.get(3).asDouble();
            tile.put("bounds", List.of(west, south, east, north));
            tile.put("center", List.of((west + east) / 2, (south + north) / 2, minZoom));
        } else {
            tile.put("bounds", List.of(-180.0, -85.0511287798066, 180.0, 85.0511287798066));
            tile.put("center", List.of(0.0, 0.0, minZoom));
        }
        tile.put("minzoom", minZoom);
        tile.put("maxzoom", maxZoom);
        tile.put("output", output.path("name").asText());
        tile.put("crs", metadata.path("crs").isMissingNode() ? null : metadata.get("crs"));
        List<Object> bands = new ArrayList<>();
        for (JsonNode band : metadata.path("bands")) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("band", band.path("band").asInt());
            b.put("data_type", band.path("data_type").asText(null));
            b.put("nodata", band.get("nodata"));
            b.put("statistics", band.get("statistics"));
            bands.add(b);
        }
        tile.put("bands", bands);
        return tile;
    }
}
