package com.geopera.api.contract;

import com.geopera.api.contract.constraints.NonBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.job_types.list. */
@Schema(name = "JobTypesInput", description = "Which job types to list")
public record JobTypesInput(
        @NonBlank @Schema(description = "Only job types of this category, e.g. clip, bathy") String category) {
}
