package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.projects.members.add. */
@Schema(name = "ProjectMember", description = "A principal that is a member of a project")
public record ProjectMemberView(
        @JsonProperty("project_id") @Schema(required = true) String projectId,
        @JsonProperty("principal_id") @Schema(required = true) String principalId,
        @JsonProperty("org_id") @Schema(required = true) String orgId) {
}
