package com.geopera.api.contract.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of ops.jobs. */
@Schema(name = "OpsJobsInput", description = "The window of recent failures and the most jobs per list")
public record OpsJobsInput(
        @JsonProperty("failed_within_minutes") @Min(1) @Max(10_080)
        @Schema(description = "Failures of the last N minutes; default 60") Integer failedWithinMinutes,
        @Min(1) @Max(500) @Schema(description = "At most this many failures and stuck jobs; default 50")
        Integer limit) {

    public static final int DEFAULT_WINDOW_MINUTES = 60;
    public static final int DEFAULT_LIMIT = 50;

    public OpsJobsInput {
        failedWithinMinutes = failedWithinMinutes == null ? DEFAULT_WINDOW_MINUTES : failedWithinMinutes;
        limit = limit == null ? DEFAULT_LIMIT : limit;
    }
}
