package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.job.tile_info: one job, and which of its raster outputs when it has several. */
@Schema(name = "TileInfoInput", description = "One job, and optionally the raster output to tile")
public record TileInfoInput(
        @JsonProperty("job_id") @JsonAlias("jobId") @NotBlank @Identifier
        @Schema(description = JobIdField.DESCRIPTION, examples = "job_01JD6Z0Q4K3V") String jobId,
        @JsonProperty("output") @Schema(description = "Name of the raster output; the job's first raster output "
                + "when left out", examples = "clipped") String output) {
}
