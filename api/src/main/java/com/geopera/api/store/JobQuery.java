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
        boolean includeInputs) {

    /** Columns jobs may be ordered by (the name is the API's sort key). */
    public enum SortColumn {
        CREATED_AT("created_at"), UPDATED_AT("updated_at"), FINISHED_AT("finished_at"), STATUS("status"),
        PROCESS_ID("process_id");

        private final String column;

        SortColumn(String column) {
            this.column = column;
        }

        public String column() {
            return column;
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
