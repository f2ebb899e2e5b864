package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of admin.orgs.create. */
@Schema(name = "Org", description = "An organisation")
public record OrgView(
        @JsonProperty("org_id") @Schema(required = true) String orgId,
        @Schema(required = true) String name,
        @JsonProperty("created_at") @Schema(required = true) Instant createdAt) {
}
