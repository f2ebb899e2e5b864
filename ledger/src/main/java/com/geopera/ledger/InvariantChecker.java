package com.geopera.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes the books from the journal and compares: cached counters, available credits, holds against
 * their journal entries. Read-only; each check is one query that lists what disagrees.
 */
final class InvariantChecker {

    /** Counters of every cached account, recomputed from the journal, where they differ. */
    private static final String CACHED_COUNTERS_DIFFER = """
            with sides as (
                select debit_account_id as account_id, pending_delta_credits as debits_pending,
                       posted_credits as debits_posted, 0::bigint as credits_pending, 0::bigint as credits_posted
                from ledger_journal
                union all
                select credit_account_id, 0, 0, pending_delta_credits, posted_credits from ledger_journal),
            sums as (
                select account_id, sum(debits_pending) as dp, sum(debits_posted) as dpo,
                       sum(credits_pending) as cp, sum(credits_posted) as cpo
                from sides group by account_id),
            slices as (
                select account_id, sum(debits_pending) as dp, sum(debits_posted) as dpo, sum(credits_posted) as cpo
                from ledger_account_slices group by account_id),
            cached as (
                select a.account_id, a.balance_cached,
                       a.debits_pending + coalesce(l.dp, 0) as debits_pending,
                       a.debits_posted + coalesce(l.dpo, 0) as debits_posted,
                       a.credits_pending,
                       a.credits_posted + coalesce(l.cpo, 0) as credits_posted
                from ledger_accounts a left join slices l on l.account_id = a.account_id)
            select a.account_id,
                   a.debits_pending, coalesce(s.dp, 0) as journal_dp, a.debits_posted, coalesce(s.dpo, 0) as journal_dpo,
                   a.credits_pending, coalesce(s.cp, 0) as journal_cp, a.credits_posted, coalesce(s.cpo, 0) as journal_cpo
            from cached a left join sums s on s.account_id = a.account_id
            where a.balance_cached
              and (a.debits_pending <> coalesce(s.dp, 0) or a.debits_posted <> coalesce(s.dpo, 0)
                   or a.credits_pending <> coalesce(s.cp, 0) or a.credits_posted <> coalesce(s.cpo, 0))
            order by a.account_id""";

    private static final String NEGATIVE_AVAILABLE = """
            select account_id, slice, credits_posted - debits_posted - debits_pending as available
            from ledger_account_slices
            where credits_posted - debits_posted - debits_pending < 0
            order by account_id, slice""";

    /**
     * Each org's pending counters, summed over its slices, must equal the sum of its pending holds (a hold is
     * taken from one slice and may be given back to another, so single slices do not match their holds).
     */
    private static final String PENDING_DIFFERS_FROM_HOLDS = """
            select coalesce(s.account_id, 'org:' || h.org_id) as account_id,
                   coalesce(s.debits_pending, 0) as debits_pending, coalesce(h.held, 0) as held
            from (select account_id, sum(debits_pending) as debits_pending from ledger_account_slices
                  group by account_id) s
            full join (select org_id, sum(amount_credits) as held from ledger_holds
                       where status = 'pending' group by org_id) h
                   on s.account_id = 'org:' || h.org_id
            where coalesce(s.debits_pending, 0) <> coalesce(h.held, 0)
            order by 1""";

    /**
     * Holds that lack exactly one reserve entry for their amount and org, or a closing entry exactly when
     * closed, of the kind their status names, posting what the hold says it posted. One hash join and one
     * pass, so the check stays linear in the size of the journal.
     */
    private static final String HOLDS_DISAGREE_WITH_JOURNAL = """
            select h.job_id, h.status, h.amount_credits, h.posted_credits,
                   count(j.entry_id) filter (where j.kind = 'reserve') as reserves,
                   count(j.entry_id) filter (where j.kind = 'reserve' and j.org_id = h.org_id
                                               and j.pending_delta_credits = h.amount_credits) as matching_reserves,
                   count(j.entry_id) filter (where j.kind in ('settle', 'release', 'expire')) as closes,
                   count(j.entry_id) filter (where j.org_id = h.org_id and j.pending_delta_credits = -h.amount_credits
                       and j.posted_credits = h.posted_credits
                       and j.kind = case h.status when 'posted' then 'settle' when 'voided' then 'release'
                                                  when 'expired' then 'expire' end) as matching_closes
            from ledger_holds h
            left join ledger_journal j on j.job_id = h.job_id and j.kind <> 'grant'
            group by h.job_id, h.status, h.amount_credits, h.posted_credits
            having count(j.entry_id) filter (where j.kind = 'reserve') <> 1
                or count(j.entry_id) filter (where j.kind = 'reserve' and j.org_id = h.org_id
                                               and j.pending_delta_credits = h.amount_credits) <> 1
                or count(j.entry_id) filter (where j.kind in ('settle', 'release', 'expire'))
                   <> case h.status when 'pending' then 0 else 1 end
                or (h.status <> 'pending' and count(j.entry_id) filter (
                       where j.org_id = h.org_id and j.pending_delta_credits = -h.amount_credits
                         and j.posted_credits = h.posted_credits
                         and j.kind = case h.status when 'posted' then 'settle' when 'voided' then 'release'
                                                    when 'expired' then 'expire' end) <> 1)
            order by h.job_id""";

    private static final String ENTRIES_WITHOUT_HOLD = """
            select j.entry_id, j.kind, j.job_id from ledger_journal j
            where j.kind <> 'grant' and not exists (select 1 from ledger_holds h where h.job_id = j.job_id)
            order by j.entry_id""";

    private static final String ENTRIES_FOR_UNKNOWN_ACCOUNTS = """
            select j.entry_id, a.account_id from ledger_journal j
            cross join lateral (values (j.debit_account_id), (j.credit_account_id)) as a (account_id)
            where not exists (select 1 from ledger_accounts l where l.account_id = a.account_id)
            order by j.entry_id""";

    private static final String HOLDS_OF_UNKNOWN_ORGS = """
            select h.job_id, h.org_id from ledger_holds h
            where not exists (select 1 from ledger_accounts a where a.org_id = h.org_id)
            order by h.job_id""";

    /** The org's slices whose available credits are negative. */
    private static final String ORG_NEGATIVE_AVAILABLE = """
            select account_id, slice, credits_posted - debits_posted - debits_pending as available
            from ledger_account_slices
            where account_id = ? and credits_posted - debits_posted - debits_pending < 0
            order by slice""";

    /**
     * The org's pending counters against its pending holds: the slices by primary key, the holds through the
     * partial index of pending holds (in-flight jobs only, never the org's history).
     */
    private static final String ORG_PENDING_DIFFERS_FROM_HOLDS = """
            select coalesce((select sum(debits_pending) from ledger_account_slices where account_id = ?), 0)
                       as debits_pending,
                   coalesce((select sum(amount_credits) from ledger_holds where status = 'pending' and org_id = ?), 0)
                       as held""";

    /**
     * The invariants of one org that cost no more than its open holds and slices: no slice below zero, and its
     * pending counters equal to its pending holds. The journal is not recomputed: that is {@link #check}'s.
     */
    InvariantReport checkOrg(Connection connection, String orgId) throws SQLException {
        String account = Accounts.ofOrg(orgId);
        List<Violation> violations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(ORG_NEGATIVE_AVAILABLE)) {
            select.setString(1, account);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    violations.add(new Violation("negative_available", rows.getString("account_id"),
                            "slice " + rows.getInt("slice") + " available=" + rows.getLong("available")));
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ORG_PENDING_DIFFERS_FROM_HOLDS)) {
            select.setString(1, account);
            select.setString(2, orgId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long pending = rows.getLong("debits_pending");
                long held = rows.getLong("held");
                if (pending != held) {
                    violations.add(new Violation("pending_differs_from_open_holds", account,
                            "debits_pending=" + pending + " open holds=" + held));
                }
            }
        }
        return InvariantReport.of(violations);
    }

    InvariantReport check(Connection connection) throws SQLException {
        List<Violation> violations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CACHED_COUNTERS_DIFFER);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("cached_balance_differs_from_journal", rows.getString("account_id"),
                        String.format("cached debits_pending=%d debits_posted=%d credits_pending=%d credits_posted=%d;"
                                        + " journal %d %d %d %d",
                                rows.getLong("debits_pending"), rows.getLong("debits_posted"),
                                rows.getLong("credits_pending"), rows.getLong("credits_posted"),
                                rows.getLong("journal_dp"), rows.getLong("journal_dpo"),
                                rows.getLong("journal_cp"), rows.getLong("journal_cpo"))));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(NEGATIVE_AVAILABLE);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("negative_available", rows.getString("account_id"),
                        "slice " + rows.getInt("slice") + " available=" + rows.getLong("available")));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(PENDING_DIFFERS_FROM_HOLDS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("pending_differs_from_open_holds", rows.getString("account_id"),
                        "debits_pending=" + rows.getLong("debits_pending")
                                + " open holds=" + rows.getLong("held")));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(HOLDS_DISAGREE_WITH_JOURNAL);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                checkHold(rows, violations);
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ENTRIES_WITHOUT_HOLD);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("journal_entry_without_hold", rows.getString("job_id"),
                        rows.getString("kind") + " entry " + rows.getLong("entry_id")));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(ENTRIES_FOR_UNKNOWN_ACCOUNTS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("journal_entry_for_unknown_account", rows.getString("account_id"),
                        "entry " + rows.getLong("entry_id")));
            }
        }
        try (PreparedStatement select = connection.prepareStatement(HOLDS_OF_UNKNOWN_ORGS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                violations.add(new Violation("hold_of_unknown_org", rows.getString("job_id"),
                        "org " + rows.getString("org_id")));
            }
        }
        return InvariantReport.of(violations);
    }

    private static void checkHold(ResultSet row, List<Violation> violations) throws SQLException {
        String jobId = row.getString("job_id");
        HoldStatus status = HoldStatus.fromDb(row.getString("status"));
        long reserves = row.getLong("reserves");
        long matchingReserves = row.getLong("matching_reserves");
        long closes = row.getLong("closes");
        long matchingCloses = row.getLong("matching_closes");
        if (reserves != 1 || matchingReserves != 1) {
            violations.add(new Violation("hold_reserve_entry_mismatch", jobId,
                    "amount=" + row.getLong("amount_credits") + " reserve entries=" + reserves
                            + " matching=" + matchingReserves));
        }
        boolean open = status == HoldStatus.PENDING;
        if (open ? closes != 0 : closes != 1 || matchingCloses != 1) {
            violations.add(new Violation("hold_close_entry_mismatch", jobId,
                    "status=" + status.dbName() + " posted=" + row.getLong("posted_credits")
                            + " closing entries=" + closes + " matching=" + matchingCloses));
        }
    }
}
