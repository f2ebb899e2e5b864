package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.create, processing.create_and_dispatch and processing.execute: a job to store. */
@Schema(name = "ProcessExecuteInput", description = "A job to create: a process, its inputs and where the job belongs")
public record ProcessExecuteInput(
        @JsonProperty("process_id") @JsonAlias("processId") @NotBlank @Identifier
        @Schema(description = "Process id, e.g. clip; processId is accepted too") String processId,
        @JsonProperty("workspaceId") @JsonAlias("workspace_id") @NotBlank @Identifier
        @Schema(description = "Workspace of the job (ws_…); workspace_id is accepted too") String workspaceId,
        @Schema(description = "Process inputs, as described by processing.catalog.get "
                + "(absent: none)") ObjectNode inputs,
        @JsonProperty("project_id") @JsonAlias("projectId") @NonBlank @Identifier
        @Schema(description = "Project of the job (prj_…); projectId is accepted too") String projectId,
        @NonBlank @Schema(description = "A title for people") String title) {

    /** Absent inputs are no inputs. */
    public ProcessExecuteInput {
        inputs = inputs == null ? JsonNodeFactory.instance.objectNode() : inputs;
    }
}
