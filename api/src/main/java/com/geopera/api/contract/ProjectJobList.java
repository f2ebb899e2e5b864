package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of processing.project_jobs.list. */
@Schema(name = "ProjectJobList", description = "A page of a project's jobs, newest first")
public record ProjectJobList(
        @Schema(required = true, description = "The jobs, without inputs unless include lists \"inputs\"")
        List<JobView> jobs,
        @JsonProperty("project_id") @Schema(required = true) String projectId,
        @Schema(description = "Jobs skipped; left out of cursor pages") Integer offset,
        @Schema(required = true) int limit,
        @Schema(description = "Every matching job; only with include \"total\"") Long total,
        @JsonProperty("has_more") @Schema(required = true) boolean hasMore,
        @JsonProperty("next_cursor") @Schema(description = "Send as cursor for the next page; absent on the last")
        String nextCursor) {
}
