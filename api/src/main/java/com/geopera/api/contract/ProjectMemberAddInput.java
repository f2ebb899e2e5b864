package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.AnyRequired;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.NonBlank;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.projects.members.add. */
@AnyRequired(value = {"keyId", "principalId"}, pointer = "/key_id", message = "key_id or principal_id is required")
@Schema(name = "ProjectMemberAddInput", description = "A principal (or the principal of a key) to add to a project")
public record ProjectMemberAddInput(
        @JsonProperty("project_id") @NotBlank @Identifier @Schema(description = "The project") String projectId,
        @JsonProperty("key_id") @NonBlank @Identifier
        @Schema(description = "API key whose principal becomes a member (this or principal_id)") String keyId,
        @JsonProperty("principal_id") @NonBlank @Identifier
        @Schema(description = "Principal that becomes a member (this or key_id)") String principalId) {
}
