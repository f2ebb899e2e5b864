package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.JobStatuses;
import com.geopera.api.contract.constraints.NonBlank;
import com.geopera.api.contract.constraints.OneOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of processing.jobs.list. The largest {@code limit} depends on the configuration and on
 * {@code include}, and {@code sort}/{@code cursor} on the listing: those rules are {@code mapping.ListRequests}'.
 */
@Schema(name = "JobsListInput", description = "Filters, order and page of the org's jobs")
public record JobsListInput(
        @JsonProperty("workspaceId") @JsonAlias("workspace_id") @NonBlank @Identifier
        @Schema(description = "Only jobs of this workspace; workspace_id is accepted too") String workspaceId,
        @JsonProperty("processId") @JsonAlias("process_id") @NonBlank @Identifier
        @Schema(description = "Only jobs of this process; process_id is accepted too") String processId,
        @JobStatuses @Schema(description = "Only these statuses (an array or a comma-separated string)")
        List<String> status,
        @Schema(description = "Only these job ids (an array or a comma-separated string)") List<String> ids,
        @Min(1) @Max(1_000_000) @Schema(description = "Page number, from 1 (not with cursor)") Integer page,
        @Min(1) @Schema(description = "Jobs per page (at most geopera.jobs.max-page-size, or "
                + "max-page-size-with-inputs with include inputs)") Integer limit,
        @NonBlank @Schema(description = "created_at, updated_at, finished_at, status or process_id; '-' first for "
                + "descending; default -created_at") String sort,
        @NonBlank @Schema(description = "next_cursor of the previous page: the page after it, by keyset") String cursor,
        @OneOf({ListInclude.INPUTS, ListInclude.TOTAL}) @Schema(description = ListInclude.DESCRIPTION)
        List<String> include) {

    /** Absent lists are empty. */
    public JobsListInput {
        status = status == null ? List.of() : status;
        ids = ids == null ? List.of() : ids;
        include = include == null ? List.of() : include;
    }
}
