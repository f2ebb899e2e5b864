package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.projects.create. */
@Schema(name = "ProjectCreateInput", description = "A new project of an organisation, optionally in a workspace")
public record ProjectCreateInput(
        @JsonProperty("org_id") @NotBlank @Identifier @Schema(description = "The organisation") String orgId,
        @NotBlank @Schema(description = "Project name") String name,
        @JsonProperty("workspace_id") @JsonAlias("workspaceId") @NonBlank @Identifier
        @Schema(description = "Workspace the project belongs to; workspaceId is accepted too") String workspaceId) {
}
