package com.geopera.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An org account's counters, kept in escrow slices ({@code ledger_account_slices}): each slice is a row with
 * its own counters and its own {@code available >= 0} check, so transactions that reserve on different slices
 * never wait for each other's commit. Everything that needs more than one slice locks them all, in slice
 * order, in one statement.
 */
final class Slices {

    /** What one slice holds. */
    record Slice(int slice, long debitsPending, long debitsPosted, long creditsPosted) {
        long available() {
            return creditsPosted - debitsPosted - debitsPending;
        }
    }

    /** A change of one slice's debit counters. */
    record Change(String accountId, int slice, long debitsPendingDelta, long debitsPostedDelta) {
    }

    /** Every path that locks slices of several accounts takes them in this order, the database's. */
    private static final String LOCK_IN_ORDER = """
            select 1 from ledger_account_slices s
            join unnest(?::text[], ?::int[]) as v (account_id, slice)
              on s.account_id = v.account_id and s.slice = v.slice
            order by s.account_id collate "C", s.slice for update of s""";
    private static final String ADD_ALL = """
            update ledger_account_slices s
            set debits_pending = s.debits_pending + v.pending, debits_posted = s.debits_posted + v.posted
            from unnest(?::text[], ?::int[], ?::bigint[], ?::bigint[]) as v (account_id, slice, pending, posted)
            where s.account_id = v.account_id and s.slice = v.slice""";

    /**
     * A change of one account's debit counters that whichever of its slices is free takes: closing a hold gives
     * its credits back (available only grows), so it need not wait for the slice the hold was taken from.
     * {@code fallbackSlice} is a slice the account has, waited for when every slice is locked.
     */
    record AccountChange(String accountId, int fallbackSlice, long debitsPendingDelta, long debitsPostedDelta) {
    }

    /** Savepoint the free-slice pick starts from, so a pick that found no slice for some account leaves no locks. */
    private static final String FREE_PICK_SAVEPOINT = "geopera_ledger_free_pick";
    /**
     * One free slice per account (SKIP LOCKED, from a random slice on so that concurrent closers spread), changed
     * at once; the count tells whether every account found one. The savepoint travels in the same round trip.
     */
    private static final String ADD_TO_FREE = "savepoint " + FREE_PICK_SAVEPOINT + ";\n" + """
            with v as (
                select * from unnest(?::text[], ?::bigint[], ?::bigint[]) as v (account_id, pending, posted)),
            picked as (
                select v.account_id, p.slice, v.pending, v.posted from v
                cross join lateral (
                    select s.slice from ledger_account_slices s where s.account_id = v.account_id
                    order by s.slice < ?, s.slice limit 1 for update skip locked) p),
            changed as (
                update ledger_account_slices s
                set debits_pending = s.debits_pending + picked.pending, debits_posted = s.debits_posted + picked.posted
                from picked where s.account_id = picked.account_id and s.slice = picked.slice
                returning 1)
            select count(*) from changed""";

    /** The org's slices after locking them all: which one now covers the reserve, or how little there is. */
    record Consolidated(Optional<Integer> slice, long available) {
    }

    private static final String LOCK_ALL = """
            select slice, debits_pending, debits_posted, credits_posted from ledger_account_slices
            where account_id = ? order by slice for update""";

    /** Adds slices 0..count-1 the account does not have yet. */
    void ensure(Connection connection, String accountId, int count) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_account_slices (account_id, slice)
                select ?, generate_series(0, ? - 1)
                on conflict (account_id, slice) do nothing""")) {
            insert.setString(1, accountId);
            insert.setInt(2, count);
            insert.executeUpdate();
        }
    }

    /** Spreads granted credits evenly over the account's slices (the first ones get the remainder). */
    void addGrant(Connection connection, String accountId, long credits) throws SQLException {
        List<Slice> slices = lockAll(connection, accountId);
        if (slices.isEmpty()) {
            throw new IllegalStateException("ledger account " + accountId + " has no slices");
        }
        long[] added = new long[slices.size()];
        for (int i = 0; i < added.length; i++) {
            added[i] = credits / added.length + (i < credits % added.length ? 1 : 0);
        }
        setCreditsPosted(connection, accountId, slices, added, true);
    }

    /**
     * Locks every slice of the account and, if together they have {@code amountCredits} available, moves
     * available credits between them so that one slice covers the reserve and the rest sits in as many
     * slices as can each cover another reserve of that size (so the next reserves find a slice again).
     * Sums never change: this is bookkeeping inside one account, not a journal movement.
     */
    Consolidated consolidate(Connection connection, String accountId, long amountCredits) throws SQLException {
        List<Slice> slices = lockAll(connection, accountId);
        long total = slices.stream().mapToLong(Slice::available).sum();
        if (slices.isEmpty() || total < amountCredits) {
            return new Consolidated(Optional.empty(), Math.max(total, 0));
        }
        Slice target = slices.get(0);
        for (Slice slice : slices) {
            if (slice.available() > target.available()) {
                target = slice;
            }
        }
        long rest = total - amountCredits;
        int shares = (int) Math.max(1, Math.min(slices.size(), rest / amountCredits));
        // The target takes the reserve and the first share; shares go to the slices that follow it.
        long[] available = new long[slices.size()];
        int targetIndex = slices.indexOf(target);
        for (int k = 0; k < shares; k++) {
            available[(targetIndex + k) % slices.size()] = rest / shares + (k < rest % shares ? 1 : 0);
        }
        available[targetIndex] += amountCredits;
        long[] creditsPosted = new long[slices.size()];
        for (int i = 0; i < creditsPosted.length; i++) {
            Slice slice = slices.get(i);
            creditsPosted[i] = slice.debitsPosted() + slice.debitsPending() + available[i];
        }
        setCreditsPosted(connection, accountId, slices, creditsPosted, false);
        return new Consolidated(Optional.of(target.slice()), total);
    }

    /** Changes one slice's counters (the row lock lasts until the caller's transaction ends). */
    void add(Connection connection, String accountId, int slice, long debitsPendingDelta, long debitsPostedDelta)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update ledger_account_slices
                set debits_pending = debits_pending + ?, debits_posted = debits_posted + ?
                where account_id = ? and slice = ?""")) {
            update.setLong(1, debitsPendingDelta);
            update.setLong(2, debitsPostedDelta);
            update.setString(3, accountId);
            update.setInt(4, slice);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("ledger account " + accountId + " has no slice " + slice);
            }
        }
    }

    /**
     * Applies changes to slices of any accounts (at most one change per slice), locking them first in one
     * order, so that two transactions changing overlapping sets of slices never wait for each other in a circle.
     */
    void addAll(Connection connection, List<Change> changes) throws SQLException {
        Array accounts = connection.createArrayOf("text", changes.stream().map(Change::accountId).toArray());
        Array numbers = connection.createArrayOf("int4", changes.stream().map(Change::slice).toArray());
        try (PreparedStatement lock = connection.prepareStatement(LOCK_IN_ORDER)) {
            lock.setArray(1, accounts);
            lock.setArray(2, numbers);
            try (ResultSet rows = lock.executeQuery()) {
                int locked = 0;
                while (rows.next()) {
                    locked++;
                }
                if (locked != changes.size()) {
                    throw new IllegalStateException("locked " + locked + " of " + changes.size() + " slices");
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(ADD_ALL)) {
            update.setArray(1, accounts);
            update.setArray(2, numbers);
            update.setArray(3, connection.createArrayOf("int8",
                    changes.stream().map(Change::debitsPendingDelta).toArray()));
            update.setArray(4, connection.createArrayOf("int8",
                    changes.stream().map(Change::debitsPostedDelta).toArray()));
            update.executeUpdate();
        }
    }

    /**
     * Applies changes that only give credits back (one per account) to any free slice of each account, starting
     * from slice {@code from}; when some account has every slice locked, undoes the pick and waits for the
     * fallback slices instead, in the one order of {@link #addAll}.
     */
    void addToFree(Connection connection, List<AccountChange> changes, int from) throws SQLException {
        try (PreparedStatement pick = connection.prepareStatement(ADD_TO_FREE)) {
            pick.setArray(1, connection.createArrayOf("text", changes.stream().map(AccountChange::accountId).toArray()));
            pick.setArray(2, connection.createArrayOf("int8",
                    changes.stream().map(AccountChange::debitsPendingDelta).toArray()));
            pick.setArray(3, connection.createArrayOf("int8",
                    changes.stream().map(AccountChange::debitsPostedDelta).toArray()));
            pick.setInt(4, from);
            boolean resultFirst = pick.execute();
            if (!resultFirst && !pick.getMoreResults()) {
                throw new IllegalStateException("free-slice pick returned no count");
            }
            try (ResultSet row = pick.getResultSet()) {
                row.next();
                if (row.getLong(1) == changes.size()) {
                    return;
                }
            }
        }
        try (Statement undo = connection.createStatement()) {
            undo.execute("rollback to savepoint " + FREE_PICK_SAVEPOINT);
        }
        addAll(connection, changes.stream()
                .map(change -> new Change(change.accountId(), change.fallbackSlice(), change.debitsPendingDelta(),
                        change.debitsPostedDelta()))
                .toList());
    }

    /** The account's counters summed over its slices; empty if it has none. */
    Optional<Balance> balance(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select count(*), coalesce(sum(debits_pending), 0), coalesce(sum(debits_posted), 0),
                       coalesce(sum(credits_posted), 0)
                from ledger_account_slices where account_id = ?""")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (row.getLong(1) == 0) {
                    return Optional.empty();
                }
                return Optional.of(Balance.fromCounters(row.getLong(2), row.getLong(3), row.getLong(4)));
            }
        }
    }

    private List<Slice> lockAll(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_ALL)) {
            select.setString(1, accountId);
            List<Slice> slices = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    slices.add(new Slice(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            return slices;
        }
    }

    /** Sets (or, with {@code add}, adds to) each slice's credits_posted in one statement. */
    private void setCreditsPosted(Connection connection, String accountId, List<Slice> slices, long[] values,
                                  boolean add) throws SQLException {
        Integer[] numbers = slices.stream().map(Slice::slice).toArray(Integer[]::new);
        Long[] amounts = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            amounts[i] = values[i];
        }
        try (PreparedStatement update = connection.prepareStatement("""
                update ledger_account_slices s
                set credits_posted = %s v.credits
                from unnest(?::int[], ?::bigint[]) as v (slice, credits)
                where s.account_id = ? and s.slice = v.slice""".formatted(add ? "s.credits_posted +" : ""))) {
            update.setArray(1, connection.createArrayOf("int4", numbers));
            update.setArray(2, connection.createArrayOf("int8", amounts));
            update.setString(3, accountId);
            update.executeUpdate();
        }
    }
}
