package com.geopera.api.store;

import com.geopera.api.store.JobQuery.SortColumn;
import com.geopera.common.jdbc.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of job listings, written by hand because its shape is the point: every filter is an equality on an
 * indexed column after {@code org_id}, the ORDER BY is exactly the order of an index, and a cursor page starts with
 * a row comparison {@code (column, job_id) < (?, ?)} that enters that index at the cursor instead of skipping
 * rows (see docs/API.md "List pages" for the indexes).
 */
public final class JobListSql {
    private JobListSql() {
    }

    /** A statement and its arguments in order (text, text[] or timestamptz). */
    public record Statement(String sql, List<Object> args) {
        public PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement s = c.prepareStatement(sql);
            int index = 1;
            for (Object arg : args) {
                if (arg instanceof List<?> list) {
                    s.setArray(index++, c.createArrayOf("text", list.toArray()));
                } else if (arg instanceof Instant instant) {
                    Timestamps.set(s, index++, instant);
                } else if (arg instanceof Integer number) {
                    s.setInt(index++, number);
                } else {
                    s.setString(index++, (String) arg);
                }
            }
            return s;
        }
    }

    /** The number of jobs matching the query's filters (the cursor does not narrow it). */
    public static Statement count(JobQuery query) {
        List<Object> args = new ArrayList<>();
        return new Statement("SELECT count(*) FROM jobs" + filters(query, args), args);
    }

    /** The page of the query, one row longer than its limit, selecting {@code columns}. */
    public static Statement page(JobQuery query, String columns) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(filters(query, args));
        SortColumn sort = query.sort();
        String column = sort.column();
        String direction = query.descending() ? " DESC" : " ASC";
        String after = query.descending() ? " < " : " > ";
        if (query.after() != null) {
            Object value = sortValue(sort, query.after().sortValue());
            if (!sort.nullable()) {
                where.append(" AND (").append(column).append(", job_id)").append(after).append("(?, ?)");
                args.add(value);
                args.add(query.after().jobId());
            } else if (value != null) {
                where.append(" AND ((").append(column).append(", job_id)").append(after).append("(?, ?) OR ")
                        .append(column).append(" IS NULL)");
                args.add(value);
                args.add(query.after().jobId());
            } else {
                where.append(" AND ").append(column).append(" IS NULL AND job_id").append(after).append("?");
                args.add(query.after().jobId());
            }
        }
        // NULLS LAST only where nulls exist: on NOT NULL columns the plain order is the same and is the order of
        // the indexes, which PostgreSQL would not use for an ORDER BY … DESC NULLS LAST.
        String order = " ORDER BY " + column + direction + (sort.nullable() ? " NULLS LAST" : "") + ", job_id"
                + direction;
        args.add(query.limit() + 1);
        args.add(query.offset());
        return new Statement("SELECT " + columns + " FROM jobs" + where + order + " LIMIT ? OFFSET ?", args);
    }

    private static String filters(JobQuery query, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE org_id = ?");
        args.add(query.orgId());
        if (query.projectId() != null) {
            where.append(" AND project_id = ?");
            args.add(query.projectId());
        }
        if (query.workspaceId() != null) {
            where.append(" AND workspace_id = ?");
            args.add(query.workspaceId());
        }
        if (query.processId() != null) {
            where.append(" AND process_id = ?");
            args.add(query.processId());
        }
        if (query.jobType() != null) {
            where.append(" AND job_type = ?");
            args.add(query.jobType());
        }
        if (query.statuses() != null && query.statuses().size() == 1) {
            // A plain equality, not "= ANY": only then may the index on (org_id, status, created_at, job_id) give
            // the rows already in order.
            where.append(" AND status = ?");
            args.add(query.statuses().get(0));
        } else if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.append(" AND status = ANY (?)");
            args.add(query.statuses());
        }
        if (query.ids() != null && !query.ids().isEmpty()) {
            where.append(" AND job_id = ANY (?)");
            args.add(query.ids());
        }
        return where.toString();
    }

    private static Object sortValue(SortColumn sort, String value) {
        if (value == null) {
            return null;
        }
        return sort.timestamp() ? Instant.parse(value) : value;
    }
}
