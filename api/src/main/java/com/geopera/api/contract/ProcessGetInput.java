package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.catalog.get. */
@Schema(name = "ProcessGetInput", description = "One process, by id")
public record ProcessGetInput(
        @JsonProperty("process_id") @JsonAlias("processId") @NotBlank @Identifier
        @Schema(description = "Process id, e.g. clip; processId is accepted too") String processId) {
}
