package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One output as registered (processing.job.register); the registration checks it (OutputRegistration). */
@Schema(name = "RegisteredOutput", description = "One output of a job, as the worker or the customer registers it")
public record RegisteredOutput(
        @Schema(required = true, description = "Output name, unique in the job, e.g. result") String name,
        @Schema(required = true, description = "file: URI inside the job's attempt directory, or an external https:// URL")
        String href,
        @JsonProperty("media_type") @Schema(description = "Media type, e.g. image/tiff; application=geotiff") String mediaType,
        @JsonProperty("size_bytes") @Schema(description = "Size of the file") Long sizeBytes,
        @Schema(ref = "JsonObject", description = "bbox, crs, minzoom, maxzoom, bands …") JsonNode metadata) {
}
