package com.geopera.api.contract;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.geopera.api.contract.constraints.Identifier;
import com.geopera.api.contract.constraints.JobStatuses;
import com.geopera.api.contract.constraints.NonBlank;
import com.geopera.api.contract.constraints.OneOf;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of processing.project_jobs.list: a project's jobs, newest first. */
@Schema(name = "ProjectJobsInput", description = "Filters and page of a project's jobs")
public record ProjectJobsInput(
        @JsonProperty("project_id") @JsonAlias("projectId") @NotBlank @Identifier
        @Schema(description = "The project (prj_…); the caller must be a member") String projectId,
        @JobStatuses @Schema(description = "Only these statuses (an array or a comma-separated string)")
        List<String> status,
        @JsonProperty("job_type_name") @NonBlank @Schema(description = "Only jobs of this job type")
        String jobTypeName,
        @Min(1) @Schema(description = "Jobs per page") Integer limit,
        @Min(0) @Schema(description = "Jobs to skip (not with cursor)") Integer offset,
        @NonBlank @Schema(description = "next_cursor of the previous page: the page after it, by keyset") String cursor,
        @OneOf({ListInclude.INPUTS, ListInclude.TOTAL}) @Schema(description = ListInclude.DESCRIPTION)
        List<String> include) {

    /** Absent lists are empty. */
    public ProjectJobsInput {
        status = status == null ? List.of() : status;
        include = include == null ? List.of() : include;
    }
}
