package com.geopera.api.mapping;

import com.geopera.api.contract.JobsListInput;
import com.geopera.api.contract.ListInclude;
import com.geopera.api.contract.ProjectJobsInput;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobQuery.SortColumn;
import com.geopera.common.error.InputErrorCodes;
import java.util.List;

/**
 * Turns jobs.list and project_jobs.list bodies into {@link JobQuery}s: the rules that need more than the body (page
 * sizes from the configuration, the sort columns, cursors), added to the body's own problems.
 */
public final class ListRequests {
    private static final String DEFAULT_SORT = "-created_at";
    /** The one optional part of a listed job: its inputs, which may be up to the inputs cap each. */
    public static final String INCLUDE_INPUTS = ListInclude.INPUTS;
    /** Asks for the number of all matching jobs, which costs a count of every match on each page. */
    public static final String INCLUDE_TOTAL = ListInclude.TOTAL;
    /** Problem code of a cursor this server did not make for this org and listing. */
    public static final String INVALID_CURSOR = "invalid_cursor";

    private ListRequests() {
    }

    /** The page sizes of list operations: default and largest, and the largest when inputs are included. */
    public record PageSizes(int defaultLimit, int maxLimit, int maxLimitWithInputs) {
    }

    /**
     * jobs.list: the filters of the body, its page ({@code page} from 1, or {@code cursor}), its order and its size
     * ({@code limit} up to the configured largest, smaller when inputs are included).
     */
    public static JobQuery jobs(Bound<JobsListInput> body, String orgId, PageSizes sizes, ListCursors cursors) {
        JobsListInput input = body.value();
        boolean inputs = input.include().contains(INCLUDE_INPUTS);
        int maxLimit = maxLimit(body, input.limit(), inputs, sizes);
        if (input.cursor() != null && input.page() != null && !body.hasProblemAt("/page")) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "page", "page and cursor exclude each other");
        }
        String sortKey = input.sort() == null ? DEFAULT_SORT : input.sort();
        boolean descending = sortKey.startsWith("-");
        SortColumn column = SortColumn.fromKey(descending || sortKey.startsWith("+") ? sortKey.substring(1) : sortKey);
        if (column == null) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "sort",
                    "sort must be one of created_at, updated_at, finished_at, status, process_id, optionally with '-'");
        }
        int size = input.limit() == null ? Math.min(sizes.defaultLimit(), maxLimit) : input.limit();
        int pageNumber = input.page() == null ? 1 : input.page();
        JobQuery query = column == null ? null : new JobQuery(orgId, null, input.workspaceId(), input.processId(), null,
                input.status(), input.ids(), column, descending, size, (pageNumber - 1) * size, inputs,
                input.include().contains(INCLUDE_TOTAL), null);
        return continued(body, query, input.cursor(), cursors);
    }

    /** project_jobs.list: project_id, status, job_type_name, limit, offset or cursor, include; newest first. */
    public static JobQuery projectJobs(Bound<ProjectJobsInput> body, String orgId, PageSizes sizes,
            ListCursors cursors) {
        ProjectJobsInput input = body.value();
        boolean inputs = input.include().contains(INCLUDE_INPUTS);
        int maxLimit = maxLimit(body, input.limit(), inputs, sizes);
        if (input.cursor() != null && input.offset() != null && !body.hasProblemAt("/offset")) {
            body.problem(InputErrorCodes.NOT_ALLOWED_VALUE, "offset", "offset and cursor exclude each other");
        }
        JobQuery query = new JobQuery(orgId, input.projectId(), null, null, input.jobTypeName(), input.status(), null,
                SortColumn.CREATED_AT, true,
                input.limit() == null ? Math.min(sizes.defaultLimit(), maxLimit) : input.limit(),
                input.offset() == null ? 0 : input.offset(), inputs, input.include().contains(INCLUDE_TOTAL), null);
        return continued(body, query, input.cursor(), cursors);
    }

    /**
     * The largest page: it depends on the configuration and on whether inputs are included, so it is checked here
     * rather than by a constraint of the record (which checks the least, 1).
     */
    private static int maxLimit(Bound<?> body, Integer limit, boolean inputs, PageSizes sizes) {
        int maxLimit = inputs ? sizes.maxLimitWithInputs() : sizes.maxLimit();
        if (limit != null && limit > maxLimit && !body.hasProblemAt("/limit")) {
            body.problem(InputErrorCodes.OUT_OF_RANGE, "limit", "limit must be between 1 and " + maxLimit);
        }
        return maxLimit;
    }

    /**
     * The query continued after the cursor's row, once every other problem is known; a cursor that does not verify
     * for this org and listing is one more problem at /cursor.
     */
    private static JobQuery continued(Bound<?> body, JobQuery query, String cursor, ListCursors cursors) {
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
}
