package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Job;
import com.geopera.api.contract.TileJson;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TileJSON 3.0-style rendering info of a succeeded clip or bathy job, from its first raster output's metadata
 * (bbox in EPSG:4326, min/max zoom, per-band statistics).
 */
public final class TileInfo {
    private static final Set<String> TILED_QUEUES = Set.of("clip", "bathy");

    private TileInfo() {
    }

    public static TileJson of(Job job, String base) {
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
        JsonNode bbox = metadata.path("bbox");
        int minZoom = metadata.path("minzoom").asInt(0);
        int maxZoom = metadata.path("maxzoom").asInt(Math.max(minZoom, 18));
        List<Double> bounds;
        List<Number> center;
        if (bbox.isArray() && bbox.size() == 4) {
            double west = bbox.get(0).asDouble();
            double south = bbox.get(1).asDouble();
            double east = bbox.get(2).asDouble();
            double north = bbox.get(3).asDouble();
            bounds = List.of(west, south, east, north);
            center = List.of((west + east) / 2, (south + north) / 2, minZoom);
        } else {
            bounds = List.of(-180.0, -85.0511287798066, 180.0, 85.0511287798066);
            center = List.of(0.0, 0.0, minZoom);
        }
        List<TileJson.Band> bands = new ArrayList<>();
        for (JsonNode band : metadata.path("bands")) {
            bands.add(new TileJson.Band(band.path("band").asInt(), band.path("data_type").asText(null),
                    band.get("nodata"), band.get("statistics")));
        }
        return new TileJson("3.0.0", job.title == null ? job.jobId : job.title, "xyz",
                List.of(base + "v1/processing/jobs/" + job.jobId + "/tiles/{z}/{x}/{y}.png"), bounds, center, minZoom,
                maxZoom, output.path("name").asText(), metadata.path("crs").isMissingNode() ? null : metadata.get("crs"),
                bands);
    }
}
