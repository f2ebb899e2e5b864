package com.geopera.ledger;

import com.geopera.common.jdbc.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Accounts and their cached counters: an org's live in its {@link Slices}, system:grants' in its
 * {@code ledger_accounts} row. Every change takes the changed rows' locks until the caller's transaction
 * ends; the tables' CHECKs keep every slice's available credits at or above zero.
 */
final class AccountStore {
    private final Slices slices;
    private final int slicesPerOrg;

    AccountStore(Slices slices, int slicesPerOrg) {
        this.slices = slices;
        this.slicesPerOrg = slicesPerOrg;
    }

    /** Creates the org's account on first use and gives it any slices it lacks. */
    void ensureOrgAccount(Connection connection, String orgId, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into ledger_accounts (account_id, kind, org_id, balance_cached, created_at)
                values (?, 'org', ?, true, ?)
                on conflict (account_id) do nothing""")) {
            insert.setString(1, Accounts.ofOrg(orgId));
            insert.setString(2, orgId);
            Timestamps.set(insert, 3, now);
            insert.executeUpdate();
        }
        slices.ensure(connection, Accounts.ofOrg(orgId), slicesPerOrg);
    }

    /** Adds granted credits to the org's slices and debits system:grants (org rows first, like every path). */
    void postGrant(Connection connection, String orgId, long credits) throws SQLException {
        slices.addGrant(connection, Accounts.ofOrg(orgId), credits);
        try (PreparedStatement update = connection.prepareStatement(
                "update ledger_accounts set debits_posted = debits_posted + ? where account_id = ?")) {
            update.setLong(1, credits);
            update.setString(2, Accounts.GRANTS);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("ledger account " + Accounts.GRANTS + " does not exist");
            }
        }
    }

    /** Locks all the org's slices and makes one of them cover {@code amountCredits}, if the org has it. */
    Slices.Consolidated consolidate(Connection connection, String orgId, long amountCredits) throws SQLException {
        return slices.consolidate(connection, Accounts.ofOrg(orgId), amountCredits);
    }

    /** Gives back credits a reserve held for a job whose hold a concurrent reserve created first. */
    void unhold(Connection connection, String orgId, int slice, long amountCredits) throws SQLException {
        slices.add(connection, Accounts.ofOrg(orgId), slice, -amountCredits, 0);
    }

    /** A slice number to start looking for a free slice from, so that concurrent transactions spread. */
    int randomSlice() {
        return ThreadLocalRandom.current().nextInt(slicesPerOrg);
    }

    /** Gives a closed hold's credits back to the slice it was taken from, waiting for that slice's lock. */
    void closeHoldInItsSlice(Connection connection, HoldStore.InSlice closed) throws SQLException {
        slices.add(connection, Accounts.ofOrg(closed.hold().orgId()), closed.slice(), -closed.hold().amount(),
                closed.hold().postedAmount());
    }

    /**
     * Takes closed holds out of their org's pending counters and charges what each posted: one change per org,
     * on whichever of its slices no other transaction holds (see {@link Slices#addToFree}), so a close never
     * waits for the reserves and closes of other jobs of the same org while a free slice exists.
     */
    void closeHolds(Connection connection, List<HoldStore.InSlice> closed) throws SQLException {
        Map<String, Slices.AccountChange> byAccount = new LinkedHashMap<>();
        for (HoldStore.InSlice each : closed) {
            Hold hold = each.hold();
            byAccount.merge(Accounts.ofOrg(hold.orgId()),
                    new Slices.AccountChange(Accounts.ofOrg(hold.orgId()), each.slice(), -hold.amount(), hold.postedAmount()),
                    (a, b) -> new Slices.AccountChange(a.accountId(), a.fallbackSlice(),
                            a.debitsPendingDelta() + b.debitsPendingDelta(), a.debitsPostedDelta() + b.debitsPostedDelta()));
        }
        slices.addToFree(connection, List.copyOf(byAccount.values()), randomSlice());
    }

    Optional<Balance> balance(Connection connection, String orgId) throws SQLException {
        return slices.balance(connection, Accounts.ofOrg(orgId));
    }
}
