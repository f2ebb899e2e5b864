package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of processing.job_types.list. */
@Schema(name = "JobTypeList", description = "Job types, optionally of one category")
public record JobTypeList(@JsonProperty("job_types") @Schema(required = true) List<JobTypeView> jobTypes) {
}
