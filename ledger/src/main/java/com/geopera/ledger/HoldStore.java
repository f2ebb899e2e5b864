package com.geopera.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads of {@code ledger_holds} (one row per job) and the reaper's batch expiry. Single-hold transitions
 * live in {@link Transfers}; all are conditional on {@code status = 'pending'}, so of two racing closes
 * exactly one changes the row.
 */
final class HoldStore {
    static final String COLUMNS =
            "job_id, org_id, amount_credits, status, posted_credits, expires_at, created_at, closed_at";

    /** A hold the reaper expired, and the slice its credits go back to. */
    record Expired(Hold hold, int slice) {
    }

    Optional<Hold> find(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from ledger_holds where job_id = ?")) {
            select.setString(1, jobId);
            return single(select);
        }
    }

    /**
     * Expires up to {@code limit} pending holds whose TTL passed at {@code now}, oldest first. Holds another
     * transaction has locked (being settled or released right now) are skipped, not waited for.
     */
    List<Expired> expireDue(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "with due as (select job_id from ledger_holds where status = 'pending' and expires_at <= ?"
                        + " order by expires_at, job_id limit ? for update skip locked)"
                        + " update ledger_holds h set status = 'expired', closed_at = ? from due"
                        + " where h.job_id = due.job_id returning " + prefixed("h") + ", h.slice")) {
            Timestamps.set(update, 1, now);
            update.setInt(2, limit);
            Timestamps.set(update, 3, now);
            List<Expired> expired = new ArrayList<>();
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    expired.add(new Expired(read(rows), rows.getInt("slice")));
                }
            }
            return expired;
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
