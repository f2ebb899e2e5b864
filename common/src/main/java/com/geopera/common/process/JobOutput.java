package com.geopera.common.process;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A file a job produced. Workers report {@code href} as the storage location they wrote to (e.g.
 * {@code file:///var/lib/geopera/outputs/job_…/1/result.tif}); the api keeps that as the storage location and
 * answers clients with an href it serves itself. {@code metadata} is the STAC-item-like record of the output.
 */
public record JobOutput(
        String name,
        String href,
        @JsonProperty("media_type") String mediaType,
        @JsonProperty("size_bytes") long sizeBytes,
        Map<String, Object> metadata) {
}
