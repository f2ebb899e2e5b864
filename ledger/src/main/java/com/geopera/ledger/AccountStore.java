package com.geopera.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The cached counters of {@code ledger_accounts}. Every change is one UPDATE, which takes the account's
 * row lock until the caller's transaction ends; the table's CHECK keeps available credits at or above zero.
 */
final class AccountStore {

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
    }

    /** Adds granted credits to the org and debits system:grants (org row first, like every other path). */
    void postGrant(Connection connection, String orgId, long credits) throws SQLException {
        addCounters(connection, Accounts.ofOrg(orgId), 0, 0, credits);
        addCounters(connection, Accounts.GRANTS, 0, credits, 0);
    }

    /** Gives back credits a reserve held for a job whose hold a concurrent reserve created first. */
    void unhold(Connection connection, String orgId, long amountCredits) throws SQLException {
        addCounters(connection, Accounts.ofOrg(orgId), -amountCredits, 0, 0);
    }

    /** Closes holds of the org: removes {@code heldCredits} from pending and charges {@code postedCredits}. */
    void closeHold(Connection connection, String orgId, long heldCredits, long postedCredits) throws SQLException {
        addCounters(connection, Accounts.ofOrg(orgId), -heldCredits, postedCredits, 0);
    }

    Optional<Balance> balance(Connection connection, String orgId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select debits_pending, debits_posted, credits_posted from ledger_accounts where account_id = ?""")) {
            select.setString(1, Accounts.ofOrg(orgId));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(Balance.fromCounters(row.getLong(1), row.getLong(2), row.getLong(3)));
            }
        }
    }

    private void addCounters(Connection connection, String accountId, long debitsPendingDelta,
                             long debitsPostedDelta, long creditsPostedDelta) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update ledger_accounts
                set debits_pending = debits_pending + ?, debits_posted = debits_posted + ?,
                    credits_posted = credits_posted + ?
                where account_id = ?""")) {
            update.setLong(1, debitsPendingDelta);
            update.setLong(2, debitsPostedDelta);
            update.setLong(3, creditsPostedDelta);
            update.setString(4, accountId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("ledger account " + accountId + " does not exist");
            }
        }
    }
}
