package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of processing.job.register. {@code outputs} stays JSON as sent: the registration checks each output
 * (where its file lies, whether it exists) with pointers of its own, and stores what it accepted.
 */
@Schema(name = "JobRegisterInput", description = "The outputs of a finished job, and (platform workers) its usage")
public record JobRegisterInput(
        @JsonProperty("job_id") @NotBlank @Identifier @Schema(description = "The job (job_…)") String jobId,
        @Schema(type = SchemaType.ARRAY, implementation = RegisteredOutput.class, description = "The job's outputs "
                + "(absent: none)") JsonNode outputs,
        @Valid @Schema(description = "What the run used (platform workers); absent: the hold is charged") Usage usage) {

    /** What a run used. */
    @Schema(name = "JobUsage", description = "What a run used")
    public record Usage(
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.PositiveOrZero
            @Schema(description = "Credits used; settled as min(credits, reserved)") Long credits) {
    }
}
