package com.geopera.api.contract.ops;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.outbox.parked. */
@Schema(name = "OpsParkedInput", description = "How many parked records to list")
public record OpsParkedInput(
        @Min(1) @Max(1000) @Schema(description = "At most this many, newest first; default 100") Integer limit) {

    public static final int DEFAULT_LIMIT = 100;

    public OpsParkedInput {
        limit = limit == null ? DEFAULT_LIMIT : limit;
    }
}
