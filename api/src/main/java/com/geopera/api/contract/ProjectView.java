package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.projects.create. */
@Schema(name = "Project", description = "A project of an organisation")
public record ProjectView(
        @JsonProperty("project_id") @Schema(required = true) String projectId,
        @JsonProperty("org_id") @Schema(required = true) String orgId,
        @JsonProperty("workspace_id") String workspaceId,
        @Schema(required = true) String name,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt) {
}
