package com.geopera.ledger;

import com.geopera.common.jdbc.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens and closes holds. A reserve is ONE statement that takes a free slice of the org's counters, inserts the
 * hold and appends the journal entry together, so the slice's row lock is held only from that statement to the
 * commit and concurrent reserves of one org lock different slices. A close is one statement too: it gives the
 * credits back to any free slice of the org, so it waits for no other transaction of that org while one is free.
 */
final class Transfers {
    private final AccountStore accounts;

    Transfers(AccountStore accounts) {
        this.accounts = accounts;
    }

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

    /** {@code slice} is where the credits were held (OPENED, HELD_WITHOUT_HOLD, EXISTING); -1 when none. */
    record Opened(OpenOutcome outcome, Hold hold, int slice) {
    }

    /**
     * Which slice a reserve may take: the first free one with enough, the first with enough once its lock is
     * free, or the one it has consolidated.
     */
    sealed interface SliceChoice permits AnySlice, WaitForSlice, ThisSlice {
        /** The reserve statement that picks this way. */
        String statement();

        /** The slice the statement starts from (or is limited to). */
        int slice();
    }

    /** Any slice with enough available that no other transaction has locked, trying {@code from} first. */
    record AnySlice(int from) implements SliceChoice {
        @Override
        public String statement() {
            return OPEN_ANY_SLICE;
        }

        @Override
        public int slice() {
            return from;
        }
    }

    /**
     * The first slice from {@code from} on with enough available, waiting for its lock: for when every slice
     * with enough is locked by transactions that will soon commit, which is cheaper to wait out than to
     * consolidate. Slices whose re-check fails after the wait stay locked until {@link #undoPick}; they are
     * taken in increasing slice order, like every wait for slices, so two waiting reserves never wait for each
     * other, and a random {@code from} spreads the waiters over the slices.
     */
    record WaitForSlice(int from) implements SliceChoice {
        @Override
        public String statement() {
            return OPEN_WAITING;
        }

        @Override
        public int slice() {
            return from;
        }
    }

    /** This slice, already locked by the caller's transaction. */
    record ThisSlice(int slice) implements SliceChoice {
        @Override
        public String statement() {
            return OPEN_THIS_SLICE;
        }
    }

    /**
     * The slice is picked and locked first; its lock re-checks {@code available >= amount} on the latest row
     * version, so concurrent reserves never over-reserve a slice, and SKIP LOCKED sends them to different
     * slices instead of queueing them on one; the table's CHECK is the backstop. The hold insert comes after
     * the slice lock, as in every path (slice, then hold). %3$s narrows the slice choice.
     */
    private static final String OPEN = """
            with existing as (
                select %1$s, slice from ledger_holds where job_id = ?),
            chosen as (
                select account_id, slice from ledger_account_slices
                where account_id = ? and credits_posted - debits_posted - debits_pending >= ?
                  and not exists (select 1 from existing)
                  %3$s),
            account as (
                update ledger_account_slices s set debits_pending = s.debits_pending + ?
                from chosen where s.account_id = chosen.account_id and s.slice = chosen.slice
                returning s.slice),
            hold as (
                insert into ledger_holds (job_id, org_id, amount_credits, status, expires_at, created_at, slice)
                select ?, ?, ?, 'pending', ?, ?, slice from account
                on conflict (job_id) do nothing
                returning %1$s, slice),
            entry as (
                insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,
                                            pending_delta_credits, posted_credits, job_id, created_at)
                select 'reserve', org_id, 'org:' || org_id, '%2$s', amount_credits, 0, job_id, created_at from hold)
            select 'OPENED' as outcome, %1$s, slice from hold
            union all
            select 'EXISTING', %1$s, slice from existing
            union all
            select 'HELD_WITHOUT_HOLD', null, null, null, null, null, null, null, null, slice from account
            where not exists (select 1 from hold)""";

    /** Savepoint the pick starts from: {@link #undoPick} rolls back to it. */
    private static final String PICK_SAVEPOINT = "geopera_ledger_pick";
    /**
     * The savepoint travels in the same round trip as the pick (the driver sends both statements before one
     * sync). On success it is left open: the caller's commit ends it, and releasing it would cost a round trip.
     */
    private static final String OPEN_ANY_SLICE = "savepoint " + PICK_SAVEPOINT + ";\n"
            + OPEN.formatted(HoldStore.COLUMNS, Accounts.REVENUE,
                    "order by slice < ?, slice limit 1 for update skip locked");
    private static final String OPEN_WAITING = "savepoint " + PICK_SAVEPOINT + ";\n"
            + OPEN.formatted(HoldStore.COLUMNS, Accounts.REVENUE, "and slice >= ? order by slice limit 1 for update");
    private static final String OPEN_THIS_SLICE = OPEN.formatted(HoldStore.COLUMNS, Accounts.REVENUE,
            "and slice = ?");

    /**
     * Closes a pending hold, gives its credits back to a free slice of its org (SKIP LOCKED, trying slices from a
     * random one on) and journals it, in one statement: %1$s = posted credits, %2$s = extra condition.
     * {@code returned_to} is null when every slice of the org was locked: the caller then waits for the hold's own.
     */
    private static final String CLOSE = """
            with closed as (
                update ledger_holds set status = ?, posted_credits = %1$s, closed_at = ?
                where job_id = ? and status = 'pending' %2$s
                returning %3$s, slice),
            target as (
                select s.account_id, s.slice from ledger_account_slices s
                join closed c on s.account_id = 'org:' || c.org_id
                order by s.slice < ?, s.slice limit 1 for update of s skip locked),
            account as (
                update ledger_account_slices s
                set debits_pending = s.debits_pending - c.amount_credits,
                    debits_posted = s.debits_posted + c.posted_credits
                from closed c, target t where s.account_id = t.account_id and s.slice = t.slice
                returning s.slice),
            entry as (
                insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,
                                            pending_delta_credits, posted_credits, job_id, created_at)
                select ?, org_id, 'org:' || org_id, '%4$s', -amount_credits, posted_credits, job_id, closed_at
                from closed)
            select %3$s, slice, (select slice from account) as returned_to from closed""";

    private static final String POST = CLOSE.formatted("least(amount_credits, ?)", "and expires_at > ?",
            HoldStore.COLUMNS, Accounts.REVENUE);
    private static final String VOID = CLOSE.formatted("0", "", HoldStore.COLUMNS, Accounts.REVENUE);
    private static final String EXPIRE = CLOSE.formatted("0", "and expires_at <= ?", HoldStore.COLUMNS, Accounts.REVENUE);

    Opened open(Connection connection, String orgId, String jobId, long amountCredits, Instant expiresAt,
                Instant now, SliceChoice choice) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(choice.statement())) {
            int i = 0;
            statement.setString(++i, jobId);
            statement.setString(++i, Accounts.ofOrg(orgId));
            statement.setLong(++i, amountCredits);
            statement.setInt(++i, choice.slice());
            statement.setLong(++i, amountCredits);
            statement.setString(++i, jobId);
            statement.setString(++i, orgId);
            statement.setLong(++i, amountCredits);
            Timestamps.set(statement, ++i, expiresAt);
            Timestamps.set(statement, ++i, now);
            boolean resultFirst = statement.execute();
            if (!resultFirst && !statement.getMoreResults()) {
                throw new IllegalStateException("reserve statement returned no rows");
            }
            try (ResultSet row = statement.getResultSet()) {
                if (!row.next()) {
                    return new Opened(OpenOutcome.NOT_AVAILABLE, null, -1);
                }
                OpenOutcome outcome = OpenOutcome.valueOf(row.getString("outcome"));
                Hold hold = outcome == OpenOutcome.HELD_WITHOUT_HOLD ? null : HoldStore.read(row);
                return new Opened(outcome, hold, row.getInt("slice"));
            }
        }
    }

    /**
     * Undoes a pick of {@link AnySlice} or {@link WaitForSlice} that found nothing: a slice it locked and then found drained by a
     * concurrent commit stays locked otherwise, out of slice order, and could deadlock a later lock-all.
     */
    void undoPick(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("rollback to savepoint " + PICK_SAVEPOINT);
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
            statement.setInt(++i, accounts.randomSlice());
            statement.setString(++i, EntryKind.SETTLE.dbName());
            return close(connection, statement);
        }
    }

    /** Voids a pending hold (release); empty if it is not pending. */
    Optional<Hold> voidPending(Connection connection, String jobId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VOID)) {
            int i = 0;
            statement.setString(++i, HoldStatus.VOIDED.dbName());
            Timestamps.set(statement, ++i, now);
            statement.setString(++i, jobId);
            statement.setInt(++i, accounts.randomSlice());
            statement.setString(++i, EntryKind.RELEASE.dbName());
            return close(connection, statement);
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
            statement.setInt(++i, accounts.randomSlice());
            statement.setString(++i, EntryKind.EXPIRE.dbName());
            return close(connection, statement);
        }
    }

    /** Runs a close statement; when it found no free slice, waits for the hold's own one. */
    private Optional<Hold> close(Connection connection, PreparedStatement statement) throws SQLException {
        HoldStore.InSlice closed;
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            closed = new HoldStore.InSlice(HoldStore.read(row), row.getInt("slice"));
            row.getInt("returned_to");
            if (!row.wasNull()) {
                return Optional.of(closed.hold());
            }
        }
        accounts.closeHoldInItsSlice(connection, closed);
        return Optional.of(closed.hold());
    }
}
