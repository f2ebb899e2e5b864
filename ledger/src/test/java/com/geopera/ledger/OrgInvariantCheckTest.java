package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cheap per-org check a balance answer runs: it passes on the ledger's books and sees the org's own damage. */
class OrgInvariantCheckTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();
    private final SettableClock clock = new SettableClock(START);
    private final Ledger ledger = new Ledger(clock);

    @BeforeEach
    void writeBooks() throws Exception {
        try (Connection c = database.open()) {
            if (ledger.hold(c, "job_a_pending").isPresent()) {
                return;
            }
            Tx.commit(c, x -> ledger.grant(x, "org_a", 100, "grant-a"));
            Tx.commit(c, x -> ledger.grant(x, "org_b", 50, "grant-b"));
            Tx.commit(c, x -> ledger.reserve(x, "org_a", "job_a_pending", 30, TTL));
            Tx.commit(c, x -> ledger.reserve(x, "org_a", "job_a_posted", 20, TTL));
            Tx.commit(c, x -> ledger.settle(x, "job_a_posted", 5));
            Tx.commit(c, x -> ledger.reserve(x, "org_b", "job_b_pending", 10, TTL));
        }
    }

    @Test
    void books_written_by_the_ledger_pass_for_every_org_and_for_an_org_never_granted_anything() throws Exception {
        try (Connection c = database.open()) {
            assertThat(ledger.checkOrgInvariants(c, "org_a").violations()).isEmpty();
            assertThat(ledger.checkOrgInvariants(c, "org_b").ok()).isTrue();
            assertThat(ledger.checkOrgInvariants(c, "org_unknown").ok()).isTrue();
        }
    }

    @Test
    void an_open_hold_the_counters_do_not_know_is_reported_for_its_org_only() throws Exception {
        try (Connection c = database.open(); Statement statement = c.createStatement()) {
            statement.executeUpdate("update ledger_holds set amount_credits = 31 where job_id = 'job_a_pending'");
            InvariantReport report = ledger.checkOrgInvariants(c, "org_a");
            assertThat(report.ok()).isFalse();
            assertThat(report.violations()).singleElement().satisfies(v -> {
                assertThat(v.code()).isEqualTo("pending_differs_from_open_holds");
                assertThat(v.subject()).isEqualTo("org:org_a");
                assertThat(v.detail()).isEqualTo("debits_pending=30 open holds=31");
            });
            assertThat(ledger.checkOrgInvariants(c, "org_b").ok()).isTrue();
            c.rollback();
        }
    }

    @Test
    void a_slice_below_zero_is_reported() throws Exception {
        try (Connection c = database.open(); Statement statement = c.createStatement()) {
            // The table's own check forbids this state; it is dropped inside the transaction that is rolled back.
            statement.executeUpdate("alter table ledger_account_slices"
                    + " drop constraint ledger_account_slices_available_never_negative");
            statement.executeUpdate("update ledger_account_slices set debits_posted = credits_posted + 1"
                    + " where account_id = 'org:org_b'");
            InvariantReport report = ledger.checkOrgInvariants(c, "org_b");
            assertThat(report.violations()).anySatisfy(v -> {
                assertThat(v.code()).isEqualTo("negative_available");
                assertThat(v.subject()).isEqualTo("org:org_b");
            });
            assertThat(ledger.checkOrgInvariants(c, "org_a").ok()).isTrue();
            c.rollback();
        }
    }
}
