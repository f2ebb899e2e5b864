package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One output of a job as clients see it: served by the api, or external. */
@Schema(name = "JobOutput", description = "One output of a job")
public record JobOutputView(
        @Schema(required = true) String name,
        @Schema(required = true, description = "Where to download it: GET on the api "
                + "(/v1/processing/jobs/{job_id}/outputs/{name}), or the external https:// URL as registered")
        String href,
        @Schema(required = true, description = "True for an external https:// output the api does not serve")
        boolean external,
        @JsonProperty("media_type") String mediaType,
        @JsonProperty("size_bytes") @Schema(required = true) long sizeBytes,
        @Schema(ref = "JsonObject", description = "bbox (EPSG:4326), crs, minzoom, maxzoom, bands …")
        JsonNode metadata) {
}
