package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of processing.catalog.estimate. */
@Schema(name = "Estimate", description = "An upper bound of the credits a run will use")
public record EstimateView(
        @JsonProperty("process_id") @Schema(required = true) String processId,
        @Schema(required = true, description = "Credits held when the job is dispatched") long credits,
        @Schema(required = true, description = "The quantities the estimate was computed from (pixels, bands …)")
        Map<String, Object> basis,
        @JsonProperty("expires_at") @Schema(required = true) Instant expiresAt) {
}
