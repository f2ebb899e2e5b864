package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One process in the catalog list (OGC process summary plus its job type, category and queue). */
@Schema(name = "CatalogProcess", description = "A process summary")
public record CatalogProcess(
        @Schema(required = true) String id,
        @Schema(required = true) String version,
        String title,
        String description,
        List<String> keywords,
        List<String> jobControlOptions,
        List<String> outputTransmission,
        @JsonProperty("job_type") String jobType,
        String category,
        String queue) {
}
