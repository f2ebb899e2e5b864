package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.audit. */
@Schema(name = "OpsAuditInput", description = "A page of the operators' audit, newest first")
public record OpsAuditInput(
        @Min(1) @Max(1000) @Schema(description = "Entries per page; default 100") Integer limit,
        @JsonProperty("before_id") @Min(1) @Schema(description = "Entries older than this audit id "
                + "(next_before_id of the previous page)") Long beforeId) {

    public static final int DEFAULT_LIMIT = 100;

    public OpsAuditInput {
        limit = limit == null ? DEFAULT_LIMIT : limit;
    }
}
