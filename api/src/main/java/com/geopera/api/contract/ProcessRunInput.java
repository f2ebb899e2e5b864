package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.catalog.validate and processing.catalog.estimate. */
@Schema(name = "ProcessRunInput", description = "A process and its inputs, to validate or estimate")
public record ProcessRunInput(
        @JsonProperty("process_id") @JsonAlias("processId") @NotBlank @Identifier
        @Schema(description = "Process id, e.g. clip; processId is accepted too") String processId,
        @Schema(description = "Process inputs, as described by processing.catalog.get "
                + "(absent: none)") ObjectNode inputs) {

    /** Absent inputs are no inputs. */
    public ProcessRunInput {
        inputs = inputs == null ? JsonNodeFactory.instance.objectNode() : inputs;
    }
}
