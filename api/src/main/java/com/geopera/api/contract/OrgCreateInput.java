package com.geopera.api.contract;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of admin.orgs.create. */
@Schema(name = "OrgCreateInput", description = "A new organisation")
public record OrgCreateInput(@NotBlank @Schema(description = "Organisation name") String name) {
}
