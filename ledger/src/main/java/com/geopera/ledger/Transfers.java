package com.geopera.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens and closes holds. Each transition is ONE statement that changes the hold, the org account's
 * counters and appends the journal entry together: the org's row lock is then held only from that
 * statement to the commit, which is what bounds a hot account's throughput.
 */
final class Transfers {

    /** What the single reserve statement did. */
    enum OpenOutcome {
        /** The hold, its account counters and its journal entry were written. */
        OPENED,
        /** The job already had a hold (the one returned); nothing was written. */
        EXISTING,
        /** The org has no account or too little available; nothing was written. */
        NOT_AVAILABLE,
        /** Credits were held but a concurrent reserve of the same job won the insert: the caller must undo. */
        HELD_WITHOUT_HOLD
    }

    record Opened(OpenOutcome outcome, Hold hold) {
    }

    /**
     * The account UPDATE re-checks {@code available >= amount} on the latest row version after waiting for
     * its lock, so concurrent reserves queue up on the row and none over-reserves; the table's CHECK is the
     * backstop. The hold insert comes after the account lock, as in every path (account, then hold).
     */
    private static final String OPEN = """
            with existing as (
                select %1$s from ledger_holds where job_id = ?),
            account as (
                update ledger_accounts set debits_pending = debits_pending + ?
                where account_id = ? and credits_posted - debits_posted - debits_pending >= ?
                  and not exists (select 1 from existing)
                returning account_id),
            hold as (
                insert into ledger_holds (job_id, org_id, amount_credits, status, expires_at, created_at)
                select ?, ?, ?, 'pending', ?, ? from account
                on conflict (job_id) do nothing
                returning %1$s),
            entry as (
                insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,
                                            pending_delta_credits, posted_credits, job_id, created_at)
                select 'reserve', org_id, 'org:' || org_id, '%2$s', amount_credits, 0, job_id, created_at from hold)
            select 'OPENED' as outcome, %1$s from hold
            union all
            select 'EXISTING', %1$s from existing
            union all
            select 'HELD_WITHOUT_HOLD', null, null, null, null, null, null, null, null from account
            where not exists (select 1 from hold)""".formatted(HoldStore.COLUMNS, Accounts.REVENUE);

    /** Closes a pending hold: %1$s = new status and posted credits, %2$s = extra condition. */
    private static final String CLOSE = """
            with closed as (
                update ledger_holds set status = ?, posted_credits = %1$s, closed_at = ?
                where job_id = ? and status = 'pending' %2$s
                returning %3$s),
            account as (
                update ledger_accounts a
                set debits_pending = a.debits_pending - c.amount_credits,
                    debits_posted = a.debits_posted + c.posted_credits
                from closed c where a.account_id = 'org:' || c.org_id
                returning a.account_id),
            entry as (
                insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,
                                            pending_delta_credits, posted_credits, job_id, created_at)
                select ?, org_id, 'org:' || org_id, '%4$s', -amount_credits, posted_credits, job_id, closed_at
                from closed)
            select %3$s from closed""";

    private static final String POST = CLOSE.formatted("least(amount_credits, ?)", "and expires_at > ?",
            HoldStore.COLUMNS, Accounts.REVENUE);
    private static final String VOID = CLOSE.formatted("0", "", HoldStore.COLUMNS, Accounts.REVENUE);
    private static final String EXPIRE = CLOSE.formatted("0", "and expires_at <= ?", HoldStore.COLUMNS, Accounts.REVENUE);

    Opened open(Connection connection, String orgId, String jobId, long amountCredits, Instant expiresAt,
                Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OPEN)) {
            int i = 0;
            statement.setString(++i, jobId);
            statement.setLong(++i, amountCredits);
            statement.setString(++i, Accounts.ofOrg(orgId));
            statement.setLong(++i, amountCredits);
            statement.setString(++i, jobId);
            statement.setString(++i, orgId);
            statement.setLong(++i, amountCredits);
            Timestamps.set(statement, ++i, expiresAt);
            Timestamps.set(statement, ++i, now);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return new Opened(OpenOutcome.NOT_AVAILABLE, null);
                }
                OpenOutcome outcome = OpenOutcome.valueOf(row.getString("outcome"));
                return new Opened(outcome, outcome == OpenOutcome.HELD_WITHOUT_HOLD ? null : HoldStore.read(row));
            }
        }
    }

    /** Posts {@code min(actual, held)} of a pending hold whose TTL has not passed; empty if it is not one. */
    Optional<Hold> post(Connection connection, String jobId, long actualCredits, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(POST)) {
            int i = 0;
            statement.setString(++i, HoldStatus.POSTED.dbName());
            statement.setLong(++i, actualCredits);
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, jobId);
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, EntryKind.SETTLE.dbName());
            return single(statement);
        }
    }

    /** Voids a pending hold (release); empty if it is not pending. */
    Optional<Hold> voidPending(Connection connection, String jobId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VOID)) {
            int i = 0;
            statement.setString(++i, HoldStatus.VOIDED.dbName());
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, jobId);
            statement.setString(++i, EntryKind.RELEASE.dbName());
            return single(statement);
        }
    }

    /** Expires one pending hold whose TTL passed at {@code now}; empty if it is not one. */
    Optional<Hold> expireOne(Connection connection, String jobId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXPIRE)) {
            int i = 0;
            statement.setString(++i, HoldStatus.EXPIRED.dbName());
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, jobId);
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, EntryKind.EXPIRE.dbName());
            return single(statement);
        }
    }

    private static Optional<Hold> single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(HoldStore.read(row)) : Optional.empty();
        }
    }
}
