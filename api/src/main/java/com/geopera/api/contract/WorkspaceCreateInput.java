package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.workspaces.create. */
@Schema(name = "WorkspaceCreateInput", description = "A new workspace of an organisation")
public record WorkspaceCreateInput(
        @JsonProperty("org_id") @NotBlank @Identifier @Schema(description = "The organisation") String orgId,
        @NotBlank @Schema(description = "Workspace name") String name) {
}
