package com.geopera.ledger;

import com.geopera.common.jdbc.Timestamps;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of {@code ledger_holds} (one row per job) and the reaper's batch expiry. Single-hold transitions
 * live in {@link Transfers}; all are conditional on {@code status = 'pending'}, so of two racing closes
 * exactly one changes the row.
 */
final class HoldStore {
    static final String COLUMNS =
            "job_id, org_id, amount_credits, status, posted_credits, expires_at, created_at, closed_at";

    /** A hold and the slice of its org's account that holds its credits. */
    record InSlice(Hold hold, int slice) {
    }

    private static final String LOCK_ALL = "select " + COLUMNS + ", slice from ledger_holds"
            + " where job_id = any(?) order by job_id for update";
    private static final String CLOSE_ALL = """
            update ledger_holds h set status = v.status, posted_credits = v.posted_credits, closed_at = ?
            from unnest(?::text[], ?::text[], ?::bigint[]) as v (job_id, status, posted_credits)
            where h.job_id = v.job_id and h.status = 'pending'""";

    Optional<Hold> find(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from ledger_holds where job_id = ?")) {
            select.setString(1, jobId);
            return single(select);
        }
    }

    /**
     * Expires up to {@code limit} pending holds whose TTL passed at {@code now}, oldest first, among
     * {@code onlyJobs} when it is not null. Holds another transaction has locked (being settled or released right
     * now) are skipped, not waited for.
     */
    List<InSlice> expireDue(Connection connection, Instant now, int limit, Collection<String> onlyJobs)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "with due as (select job_id from ledger_holds where status = 'pending' and expires_at <= ?"
                        + " and (cast(? as text[]) is null or job_id = any(?))"
                        + " order by expires_at, job_id limit ? for update skip locked)"
                        + " update ledger_holds h set status = 'expired', closed_at = ? from due"
                        + " where h.job_id = due.job_id returning " + prefixed("h") + ", h.slice")) {
            Array only = onlyJobs == null ? null : connection.createArrayOf("text", onlyJobs.toArray());
            Timestamps.set(update, 1, now);
            update.setArray(2, only);
            update.setArray(3, only);
            update.setInt(4, limit);
            Timestamps.set(update, 5, now);
            List<InSlice> expired = new ArrayList<>();
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    expired.add(new InSlice(read(rows), rows.getInt("slice")));
                }
            }
            return expired;
        }
    }

    /** Job ids of up to {@code limit} pending holds whose TTL passed at {@code now}, oldest expiry first; locks nothing. */
    List<String> due(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select job_id from ledger_holds"
                + " where status = 'pending' and expires_at <= ? order by expires_at, job_id limit ?")) {
            Timestamps.set(select, 1, now);
            select.setInt(2, limit);
            List<String> jobIds = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobIds.add(rows.getString(1));
                }
            }
            return jobIds;
        }
    }

    /** Credits of every pending hold, all orgs; reads the pending holds only (their partial index). */
    long pendingTotal(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select coalesce(sum(amount_credits), 0) "
                + "from ledger_holds where status = 'pending'"); ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Locks the holds of these jobs, in job id order (so two batches never wait for each other in a circle),
     * and returns them by job id; jobs without a hold are absent.
     */
    Map<String, InSlice> lockAll(Connection connection, Collection<String> jobIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_ALL)) {
            select.setArray(1, connection.createArrayOf("text", jobIds.toArray()));
            Map<String, InSlice> locked = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Hold hold = read(rows);
                    locked.put(hold.jobId(), new InSlice(hold, rows.getInt("slice")));
                }
            }
            return locked;
        }
    }

    /** Writes the closing of pending holds the caller has locked; every one of them must still be pending. */
    void closeAll(Connection connection, List<Hold> closed, Instant closedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(CLOSE_ALL)) {
            Timestamps.set(update, 1, closedAt);
            update.setArray(2, connection.createArrayOf("text", closed.stream().map(Hold::jobId).toArray()));
            update.setArray(3, connection.createArrayOf("text",
                    closed.stream().map(h -> h.status().dbName()).toArray()));
            update.setArray(4, connection.createArrayOf("int8",
                    closed.stream().map(Hold::postedAmount).toArray()));
            int changed = update.executeUpdate();
            if (changed != closed.size()) {
                throw new IllegalStateException("closed " + changed + " of " + closed.size() + " locked pending holds");
            }
        }
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Optional<Hold> single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(read(row)) : Optional.empty();
        }
    }

    static Hold read(ResultSet row) throws SQLException {
        return new Hold(row.getString("job_id"), row.getString("org_id"), row.getLong("amount_credits"),
                HoldStatus.fromDb(row.getString("status")), row.getLong("posted_credits"),
                Timestamps.get(row, "expires_at"), Timestamps.get(row, "created_at"),
                Timestamps.get(row, "closed_at"));
    }
}
