package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the results carry, and what the database itself refuses whatever Java does. */
class LedgerBehaviourTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();
    private final SettableClock clock = new SettableClock(START);
    private final Ledger ledger = new Ledger(clock);
    private String org;

    @BeforeEach
    void newOrg() {
        org = "org_" + UUID.randomUUID();
    }

    private String job(String name) {
        return org + ":" + name;
    }

    @Test
    void reserve_answers_the_hold_it_created_and_the_same_hold_when_repeated() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Reserved first = (Reserved) Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 30, TTL));
            clock.advance(Duration.ofSeconds(5));
            Reserved again = (Reserved) Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 30, TTL));

            assertThat(first.alreadyExisted()).isFalse();
            assertThat(first.hold()).isEqualTo(new Hold(job("a"), org, 30, HoldStatus.PENDING, 0,
                    START.plus(TTL), START, null));
            assertThat(again.alreadyExisted()).isTrue();
            assertThat(again.hold()).isEqualTo(first.hold());
        }
    }

    @Test
    void insufficient_credits_names_the_available_and_required_amounts() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 25, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 20, TTL));
            ReserveResult refused = Tx.commit(c, x -> ledger.reserve(x, org, job("b"), 6, TTL));

            assertThat(refused).isEqualTo(new InsufficientCredits(5, 6));
            assertThat(refused.code()).isEqualTo("insufficient_credits");
        }
    }

    @Test
    void settle_reports_posted_and_released_credits_and_a_repeat_reports_the_first_settlement() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 30, TTL));
            clock.advance(Duration.ofSeconds(1));
            Settled first = (Settled) Tx.commit(c, x -> ledger.settle(x, job("a"), 12));
            Settled again = (Settled) Tx.commit(c, x -> ledger.settle(x, job("a"), 30));

            assertThat(first.postedCredits()).isEqualTo(12);
            assertThat(first.releasedCredits()).isEqualTo(18);
            assertThat(first.alreadySettled()).isFalse();
            assertThat(first.hold().closedAt()).isEqualTo(START.plusSeconds(1));
            assertThat(again).isEqualTo(new Settled(first.hold(), 12, 18, true));
        }
    }

    @Test
    void a_grant_repeated_with_its_reference_answers_the_first_entry() throws Exception {
        try (Connection c = database.open()) {
            Granted first = (Granted) Tx.commit(c, x -> ledger.grant(x, org, 40, job("grant")));
            Granted again = (Granted) Tx.commit(c, x -> ledger.grant(x, org, 40, job("grant")));
            GrantResult otherOrg = Tx.commit(c, x -> ledger.grant(x, org + "x", 40, job("grant")));

            assertThat(first.alreadyGranted()).isFalse();
            assertThat(again).isEqualTo(new Granted(first.entry(), new Balance(40, 0, 40), true));
            assertThat(otherOrg).isEqualTo(new GrantReferenceReused(first.entry()));
            assertThat(ledger.balance(c, org + "x")).isEqualTo(new Balance(0, 0, 0));
        }
    }

    @Test
    void the_ledger_never_commits_so_a_rolled_back_caller_leaves_no_trace() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            assertThat(ledger.reserve(c, org, job("a"), 30, TTL)).isInstanceOf(Reserved.class);
            c.rollback();

            assertThat(ledger.hold(c, job("a"))).isEmpty();
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(100, 0, 100));
            assertThat(ledger.statement(c, org, START, START.plusSeconds(1))).hasSize(1);
            assertThat(c.getAutoCommit()).isFalse();
        }
    }

    @Test
    void every_journal_entry_moves_credits_between_an_org_and_a_system_account() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 30, TTL));
            Tx.commit(c, x -> ledger.settle(x, job("a"), 10));
            Tx.commit(c, x -> ledger.reserve(x, org, job("b"), 5, TTL));
            Tx.commit(c, x -> ledger.release(x, job("b")));

            List<JournalEntry> entries = ledger.statement(c, org, START, START.plusSeconds(1));
            assertThat(entries).extracting(JournalEntry::kind).containsExactly(EntryKind.GRANT, EntryKind.RESERVE,
                    EntryKind.SETTLE, EntryKind.RESERVE, EntryKind.RELEASE);
            assertThat(entries.get(0).debitAccountId()).isEqualTo("system:grants");
            assertThat(entries.get(0).creditAccountId()).isEqualTo("org:" + org);
            assertThat(entries.subList(1, entries.size())).allSatisfy(e -> {
                assertThat(e.debitAccountId()).isEqualTo("org:" + org);
                assertThat(e.creditAccountId()).isEqualTo("system:revenue");
            });
            assertThat(entries.get(2).pendingDeltaCredits()).isEqualTo(-30);
            assertThat(entries.get(2).postedCredits()).isEqualTo(10);
        }
    }

    @Test
    void statement_lists_only_the_orgs_entries_inside_the_time_range() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("g1")));
            clock.advance(Duration.ofHours(1));
            Tx.commit(c, x -> ledger.grant(x, org, 50, job("g2")));
            Tx.commit(c, x -> ledger.grant(x, org + "other", 70, job("g3")));
            clock.advance(Duration.ofHours(1));
            Tx.commit(c, x -> ledger.grant(x, org, 25, job("g4")));

            List<JournalEntry> middle = ledger.statement(c, org, START.plus(Duration.ofHours(1)),
                    START.plus(Duration.ofHours(2)));
            assertThat(middle).extracting(JournalEntry::reference).containsExactly(job("g2"));
        }
    }

    @Test
    void the_database_refuses_any_write_that_would_make_available_negative() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 10, job("grant")));
            try (Statement sql = c.createStatement()) {
                assertThatThrownBy(() -> sql.executeUpdate(
                        "update ledger_account_slices set debits_pending = credits_posted + 1"
                                + " where account_id = 'org:" + org + "' and slice = 0"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ledger_account_slices_available_never_negative");
            }
            c.rollback();
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(10, 0, 10));
        }
    }

    @Test
    void the_journal_refuses_updates_and_deletes() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 10, job("grant")));
            try (Statement sql = c.createStatement()) {
                assertThatThrownBy(() -> sql.executeUpdate(
                        "update ledger_journal set posted_credits = 1000 where org_id = '" + org + "'"))
                        .hasMessageContaining("append-only");
                c.rollback();
                assertThatThrownBy(() -> sql.executeUpdate("delete from ledger_journal where org_id = '" + org + "'"))
                        .hasMessageContaining("append-only");
                c.rollback();
                assertThatThrownBy(() -> sql.executeUpdate("truncate ledger_journal cascade"))
                        .hasMessageContaining("append-only");
                c.rollback();
            }
            assertThat(ledger.statement(c, org, START, START.plusSeconds(1))).hasSize(1);
        }
    }

    @Test
    void the_database_refuses_a_second_closing_entry_for_a_hold() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 10, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 5, TTL));
            Tx.commit(c, x -> ledger.release(x, job("a")));
            try (Statement sql = c.createStatement()) {
                assertThatThrownBy(() -> sql.executeUpdate("insert into ledger_journal (kind, org_id,"
                        + " debit_account_id, credit_account_id, pending_delta_credits, posted_credits, job_id,"
                        + " created_at) values ('settle', '" + org + "', 'org:" + org + "', 'system:revenue', -5, 5, '"
                        + job("a") + "', now())"))
                        .hasMessageContaining("ledger_journal_one_close_per_job");
            }
            c.rollback();
        }
    }

    @Test
    void an_invalid_ttl_is_a_programming_error_not_a_result() throws Exception {
        try (Connection c = database.open()) {
            assertThatThrownBy(() -> ledger.reserve(c, org, job("a"), 5, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ledger.reserve(c, org, job("a"), 5, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ledger.hold(c, job("a"))).isEmpty();
        }
    }

    @Test
    void a_settle_batch_answers_each_job_as_settling_them_one_after_the_other_would() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("posted_before"), 10, TTL));
            Tx.commit(c, x -> ledger.settle(x, job("posted_before"), 4));
            Tx.commit(c, x -> ledger.reserve(x, org, job("released"), 10, TTL));
            Tx.commit(c, x -> ledger.release(x, job("released")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("short_ttl"), 10, Duration.ofSeconds(30)));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 20, TTL));
            Tx.commit(c, x -> ledger.reserve(x, org, job("b"), 15, TTL));
            clock.advance(Duration.ofMinutes(1));

            List<SettleResult> results = Tx.commit(c, x -> ledger.settleAll(x, List.of(
                    new Settlement(job("a"), 12),
                    new Settlement(job("b"), 99),
                    new Settlement(job("a"), 1),
                    new Settlement(job("posted_before"), 10),
                    new Settlement(job("released"), 3),
                    new Settlement(job("short_ttl"), 5),
                    new Settlement(job("never_reserved"), 5),
                    new Settlement(job("b"), -1))));

            assertThat(results).extracting(SettleResult::code).containsExactly("settled", "settled", "settled",
                    "settled", "hold_already_released", "hold_expired", "no_hold", "invalid_amount");
            Settled a = (Settled) results.get(0);
            assertThat(a.alreadySettled()).isFalse();
            assertThat(a.postedCredits()).isEqualTo(12);
            assertThat(a.releasedCredits()).isEqualTo(8);
            Settled b = (Settled) results.get(1);
            assertThat(b.postedCredits()).as("posts at most what is held").isEqualTo(15);
            assertThat(((Settled) results.get(2)).alreadySettled()).as("a job listed twice is a repeat").isTrue();
            assertThat(((Settled) results.get(2)).postedCredits()).isEqualTo(12);
            assertThat(((Settled) results.get(3)).alreadySettled()).isTrue();
            assertThat(((Settled) results.get(3)).postedCredits()).isEqualTo(4);
            assertThat(((HoldExpired) results.get(5)).hold().status()).isEqualTo(HoldStatus.EXPIRED);

            assertThat(ledger.hold(c, job("short_ttl")).orElseThrow().status()).isEqualTo(HoldStatus.EXPIRED);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(100 - 4 - 12 - 15, 0, 100 - 4 - 12 - 15));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void a_settle_batch_that_rolls_back_changes_nothing() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("a"), 20, TTL));

            ledger.settleAll(c, List.of(new Settlement(job("a"), 20)));
            c.rollback();

            assertThat(ledger.hold(c, job("a")).orElseThrow().status()).isEqualTo(HoldStatus.PENDING);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(100, 20, 80));
        }
    }

    @Test
    void due_holds_are_listed_oldest_first_and_expiring_named_jobs_touches_only_their_due_holds() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, job("grant")));
            Tx.commit(c, x -> ledger.reserve(x, org, job("late"), 10, Duration.ofSeconds(20)));
            Tx.commit(c, x -> ledger.reserve(x, org, job("early"), 10, Duration.ofSeconds(10)));
            Tx.commit(c, x -> ledger.reserve(x, org, job("not_due"), 10, TTL));
            Instant later = START.plusSeconds(30);

            List<String> due = ledger.dueHolds(c, later, 1_000).stream().filter(id -> id.startsWith(org)).toList();
            assertThat(due).containsExactly(job("early"), job("late"));

            List<String> expired = Tx.commit(c, x -> ledger.expire(x, later, List.of(job("late"), job("not_due"))));
            assertThat(expired).containsExactly(job("late"));
            assertThat(ledger.hold(c, job("early")).orElseThrow().status()).isEqualTo(HoldStatus.PENDING);
            assertThat(ledger.hold(c, job("not_due")).orElseThrow().status()).isEqualTo(HoldStatus.PENDING);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(100, 20, 80));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }
}
