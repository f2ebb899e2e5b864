package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of processing.jobs.list. */
@Schema(name = "JobList", description = "A page of the org's jobs")
public record JobList(
        @Schema(required = true, description = "The jobs, without inputs unless include lists \"inputs\"")
        List<JobView> jobs,
        @Schema(description = "Page number; left out of cursor pages") Integer page,
        @Schema(required = true, description = "The order, e.g. -created_at") String sort,
        @Schema(required = true) int limit,
        @Schema(description = "Every matching job; only with include \"total\"") Long total,
        @JsonProperty("has_more") @Schema(required = true) boolean hasMore,
        @JsonProperty("next_cursor") @Schema(description = "Send as cursor for the next page; absent on the last")
        String nextCursor) {
}
