package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.job.get: one job. */
@Schema(name = "JobGetInput", description = "One job, by id")
public record JobGetInput(
        @JsonProperty("job_id") @JsonAlias("jobId") @NotBlank @Identifier
        @Schema(description = JobIdField.DESCRIPTION, examples = "job_01JD6Z0Q4K3V") String jobId) {
}
