package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.dispatch. */
@Schema(name = "ProcessingDispatchInput", description = "A created job to queue, optionally pinned to a process version")
public record ProcessingDispatchInput(
        @JsonProperty("job_id") @NotBlank @Identifier @Schema(description = "The job (job_…), in status created")
        String jobId,
        @NonBlank @Schema(description = "Process version to run; refused (process_version_unavailable) when no worker "
                + "queue serves it") String version) {
}
