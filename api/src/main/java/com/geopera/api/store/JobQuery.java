package com.geopera.api.store;

import java.util.List;

/** Filters, order and page of a job listing; null filters are not applied; inputs are read only when included. */
public record JobQuery(
        String orgId,
        String projectId,
        String workspaceId,
        String processId,
        String jobType,
        List<String> statuses,
        List<String> ids,
        SortColumn sort,
        boolean descending,
        int limit,
        int offset,
        boolean includeInputs,
        boolean includeTotal,
        After after) {

    /**
     * Where a keyset page starts: just after the row with this sort value (its text form, null for a null
     * finished_at) and job id, in the query's order.
     */
    public record After(String sortValue, String jobId) {
    }

    /** The same listing continued from {@code after} (a cursor page). */
    public JobQuery continuedAfter(After next) {
        return new JobQuery(orgId, projectId, workspaceId, processId, jobType, statuses, ids, sort, descending, limit,
                0, includeInputs, includeTotal, next);
    }

    /** The same listing read {@code size} jobs at a time (a streamed listing's chunks). */
    public JobQuery withLimit(int size) {
        return new JobQuery(orgId, projectId, workspaceId, processId, jobType, statuses, ids, sort, descending, size,
                offset, includeInputs, false, after);
    }

    /**
     * What a cursor is bound to: the sort and every filter, so a cursor cannot be replayed against another
     * listing, whose order would make "after this row" mean something else. Page size and include are not part of
     * it: they may change from page to page.
     */
    public String listingKey() {
        return String.join("\u001f", (descending ? "-" : "+") + sort.column(), String.valueOf(projectId),
                String.valueOf(workspaceId), String.valueOf(processId), String.valueOf(jobType),
                String.valueOf(statuses == null ? null : statuses.stream().sorted().toList()),
                String.valueOf(ids == null ? null : ids.stream().sorted().toList()));
    }

    /** Columns jobs may be ordered by (the name is the API's sort key). */
    public enum SortColumn {
        CREATED_AT("created_at", true, false), UPDATED_AT("updated_at", true, false),
        FINISHED_AT("finished_at", true, true), STATUS("status", false, false),
        PROCESS_ID("process_id", false, false);

        private final String column;
        private final boolean timestamp;
        private final boolean nullable;

        SortColumn(String column, boolean timestamp, boolean nullable) {
            this.column = column;
            this.timestamp = timestamp;
            this.nullable = nullable;
        }

        public String column() {
            return column;
        }

        /** Whether the column is a timestamptz (its cursor value is an ISO-8601 instant). */
        public boolean timestamp() {
            return timestamp;
        }

        /** Whether the column may be null (only finished_at): its order needs NULLS LAST and its keyset an OR. */
        public boolean nullable() {
            return nullable;
        }

        public static SortColumn fromKey(String key) {
            for (SortColumn value : values()) {
                if (value.column.equals(key)) {
                    return value;
                }
            }
            return null;
        }
    }
}
