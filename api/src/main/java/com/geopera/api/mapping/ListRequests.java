package com.geopera.api.mapping;

import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobQuery.SortColumn;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.job.JobStatus;
import java.util.List;

/** Reads jobs.list and project_jobs.list bodies into {@link JobQuery}s, collecting every problem. */
public final class ListRequests {
    private static final String DEFAULT_SORT = "-created_at";
    /** The one optional part of a listed job: its inputs, which may be up to the inputs cap each. */
    public static final String INCLUDE_INPUTS = "inputs";
    /** Asks for the number of all matching jobs, which costs a count of every match on each page. */
    public static final String INCLUDE_TOTAL = "total";
    /** Problem code of a cursor this server did not make for this org and listing. */
    public static final String INVALID_CURSOR = "invalid_cursor";

    private ListRequests() {
    }

    /** The page sizes of list operations: default and largest, and the largest when inputs are included. */
    public record PageSizes(int defaultLimit, int maxLimit, int maxLimitWithInputs) {
    }

    /**
     * jobs.list: workspaceId, processId, status, ids, page (from 1), limit, sort ({@code -created_at}),
     * include ({@code ["inputs", "total"]}), cursor (from the previous page's {@code next_cursor}).
     */
    public static JobQuery jobs(RequestBody body, String orgId, PageSizes sizes, ListCursors cursors) {
        List<String> include = include(body);
        boolean inputs = include.contains(INCLUDE_INPUTS);
        int maxLimit = inputs ? sizes.maxLimitWithInputs() : sizes.maxLimit();
        String workspaceId = body.optionalString("workspaceId", "workspace_id");
        String processId = body.optionalString("processId", "process_id");
        List<String> statuses = statuses(body);
        List<String> ids = body.optionalStringList("ids");
        Integer page = body.optionalInt("page", 1, 1_000_000);
        Integer limit = body.optionalInt("limit", 1, maxLimit);
        String sort = body.optionalString("sort");
        String cursor = body.optionalString("cursor");
        if (cursor != null && page != null) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "page", "page and cursor exclude each other");
        }
        String sortKey = sort == null ? DEFAULT_SORT : sort;
        boolean descending = sortKey.startsWith("-");
        SortColumn column = SortColumn.fromKey(descending || sortKey.startsWith("+") ? sortKey.substring(1) : sortKey);
        if (column == null) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "sort",
                    "sort must be one of created_at, updated_at, finished_at, status, process_id, optionally with '-'");
        }
        int size = limit == null ? Math.min(sizes.defaultLimit(), maxLimit) : limit;
        int pageNumber = page == null ? 1 : page;
        JobQuery query = column == null ? null : new JobQuery(orgId, null, workspaceId, processId, null, statuses,
                ids, column, descending, size, (pageNumber - 1) * size, inputs, include.contains(INCLUDE_TOTAL), null);
        return continued(body, query, cursor, cursors);
    }

    /** project_jobs.list: project_id, status, job_type_name, limit, offset, include; newest first. */
    public static JobQuery projectJobs(RequestBody body, String orgId, PageSizes sizes, ListCursors cursors) {
        List<String> include = include(body);
        boolean inputs = include.contains(INCLUDE_INPUTS);
        int maxLimit = inputs ? sizes.maxLimitWithInputs() : sizes.maxLimit();
        String projectId = body.requiredString("project_id", "projectId");
        List<String> statuses = statuses(body);
        String jobType = body.optionalString("job_type_name");
        Integer limit = body.optionalInt("limit", 1, maxLimit);
        Integer offset = body.optionalInt("offset", 0, Integer.MAX_VALUE);
        String cursor = body.optionalString("cursor");
        if (cursor != null && offset != null) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "offset", "offset and cursor exclude each other");
        }
        JobQuery query = new JobQuery(orgId, projectId, null, null, jobType, statuses, null, SortColumn.CREATED_AT,
                true, limit == null ? Math.min(sizes.defaultLimit(), maxLimit) : limit, offset == null ? 0 : offset,
                inputs, include.contains(INCLUDE_TOTAL), null);
        return continued(body, query, cursor, cursors);
    }

    /**
     * The query continued after the cursor's row, once every other problem is known; a cursor that does not verify
     * for this org and listing is one more problem at /cursor.
     */
    private static JobQuery continued(RequestBody body, JobQuery query, String cursor, ListCursors cursors) {
        JobQuery.After after = null;
        if (cursor != null && query != null) {
            after = cursors.read(cursor, query.orgId(), query).orElse(null);
            if (after == null) {
                body.problem(INVALID_CURSOR, "cursor",
                        "cursor is not one this server gave for this listing (same org, sort and filters)");
            }
        }
        body.throwIfInvalid();
        return after == null ? query : query.continuedAfter(after);
    }

    /**
     * The optional parts of a list answer: {@code inputs} (a page of full inputs may weigh up to page size × the
     * inputs cap) and {@code total} (a count of every match, on every page).
     */
    private static List<String> include(RequestBody body) {
        List<String> parts = body.optionalStringList("include");
        for (String part : parts) {
            if (!INCLUDE_INPUTS.equals(part) && !INCLUDE_TOTAL.equals(part)) {
                body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "include",
                        "include may only list \"inputs\" and \"total\"");
            }
        }
        return parts;
    }

    private static List<String> statuses(RequestBody body) {
        List<String> statuses = body.optionalStringList("status");
        for (String status : statuses) {
            try {
                JobStatus.fromWireName(status);
            } catch (IllegalArgumentException e) {
                body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "status",
                        "status must be created, queued, running, succeeded, failed or cancelled");
            }
        }
        return statuses;
    }
}
