package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.JobIdField;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.jobs.retry and ops.jobs.cancel. */
@Schema(name = "OpsJobActionInput", description = "The job (of any org) to act on, and why")
public record OpsJobActionInput(
        @JsonProperty("job_id") @JsonAlias("jobId") @NotBlank @Identifier
        @Schema(description = JobIdField.DESCRIPTION) String jobId,
        @Size(max = 500) @Schema(description = "Why (kept in the audit)") String reason) {
}
