package com.geopera.ledger;

import com.geopera.common.jdbc.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append-only {@code ledger_journal}: grants, expiry batches and statements (single-hold entries are
 * written by {@link Transfers}).
 */
final class Journal {
    private static final String COLUMNS = "entry_id, kind, org_id, debit_account_id, credit_account_id,"
            + " pending_delta_credits, posted_credits, job_id, reference, created_at";
    private static final String INSERT_HOLD_ENTRY = "insert into ledger_journal (kind, org_id, debit_account_id,"
            + " credit_account_id, pending_delta_credits, posted_credits, job_id, reference, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, null, ?)";

    /** Appends a grant; empty when the reference was used before (then nothing was written). */
    Optional<JournalEntry> appendGrant(Connection connection, String orgId, long credits, String reference,
                                       Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,"
                        + " pending_delta_credits, posted_credits, job_id, reference, created_at)"
                        + " values ('grant', ?, ?, ?, 0, ?, null, ?, ?)"
                        + " on conflict (reference) where kind = 'grant' do nothing returning " + COLUMNS)) {
            insert.setString(1, orgId);
            insert.setString(2, Accounts.GRANTS);
            insert.setString(3, Accounts.ofOrg(orgId));
            insert.setLong(4, credits);
            insert.setString(5, reference);
            Timestamps.set(insert, 6, now);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    Optional<JournalEntry> findGrant(Connection connection, String reference) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from ledger_journal where kind = 'grant' and reference = ?")) {
            select.setString(1, reference);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** Records how each hold closed: one entry each, taking all of its amount out of pending. */
    void appendCloses(Connection connection, List<Hold> closed, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_HOLD_ENTRY)) {
            for (Hold hold : closed) {
                bindHoldEntry(insert, EntryKind.closing(hold.status()), hold, -hold.amount(), hold.postedAmount(), now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bindHoldEntry(PreparedStatement insert, EntryKind kind, Hold hold, long pendingDeltaCredits,
                                      long postedCredits, Instant now) throws SQLException {
        insert.setString(1, kind.dbName());
        insert.setString(2, hold.orgId());
        insert.setString(3, Accounts.ofOrg(hold.orgId()));
        insert.setString(4, Accounts.REVENUE);
        insert.setLong(5, pendingDeltaCredits);
        insert.setLong(6, postedCredits);
        insert.setString(7, hold.jobId());
        Timestamps.set(insert, 8, now);
    }

    List<JournalEntry> statement(Connection connection, String orgId, Instant fromInclusive, Instant toExclusive)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from ledger_journal"
                        + " where org_id = ? and created_at >= ? and created_at < ? order by created_at, entry_id")) {
            select.setString(1, orgId);
            Timestamps.set(select, 2, fromInclusive);
            Timestamps.set(select, 3, toExclusive);
            List<JournalEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(read(rows));
                }
            }
            return entries;
        }
    }

    private static JournalEntry read(ResultSet row) throws SQLException {
        return new JournalEntry(row.getLong("entry_id"), EntryKind.fromDb(row.getString("kind")),
                row.getString("org_id"), row.getString("debit_account_id"), row.getString("credit_account_id"),
                row.getLong("pending_delta_credits"), row.getLong("posted_credits"), row.getString("job_id"),
                row.getString("reference"), Timestamps.get(row, "created_at"));
    }
}
