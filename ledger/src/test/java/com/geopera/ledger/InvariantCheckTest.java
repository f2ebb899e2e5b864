package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The on-demand check passes on books the ledger wrote and names each kind of tampering. */
class InvariantCheckTest {
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();
    private final SettableClock clock = new SettableClock(START);
    private final Ledger ledger = new Ledger(clock);

    /** Every kind of hold and entry, committed, so each test tampers with a realistic ledger. */
    @BeforeEach
    void writeBooks() throws Exception {
        try (Connection c = database.open()) {
            if (ledger.hold(c, "job_posted").isPresent()) {
                return;
            }
            Tx.commit(c, x -> ledger.grant(x, "org_a", 100, "grant-a"));
            Tx.commit(c, x -> ledger.grant(x, "org_b", 50, "grant-b"));
            Tx.commit(c, x -> ledger.reserve(x, "org_a", "job_posted", 30, TTL));
            Tx.commit(c, x -> ledger.settle(x, "job_posted", 10));
            Tx.commit(c, x -> ledger.reserve(x, "org_a", "job_voided", 5, TTL));
            Tx.commit(c, x -> ledger.release(x, "job_voided"));
            Tx.commit(c, x -> ledger.reserve(x, "org_b", "job_pending", 20, TTL));
            Tx.commit(c, x -> ledger.reserve(x, "org_b", "job_expired", 7, Duration.ofSeconds(1)));
            Tx.commit(c, x -> ledger.expire(x, START.plusSeconds(1)));
        }
    }

    @Test
    void books_written_by_the_ledger_pass_the_check() throws Exception {
        try (Connection c = database.open()) {
            InvariantReport report = ledger.checkInvariants(c);
            assertThat(report.violations()).isEmpty();
            assertThat(report.ok()).isTrue();
        }
    }

    @Test
    void a_cached_balance_that_disagrees_with_the_journal_is_reported() throws Exception {
        assertTampering("update ledger_account_slices set credits_posted = credits_posted + 5"
                        + " where account_id = 'org:org_a' and slice = 0",
                "cached_balance_differs_from_journal", "org:org_a");
    }

    @Test
    void a_pending_counter_that_disagrees_with_the_open_holds_is_reported() throws Exception {
        assertTampering("update ledger_holds set status = 'voided', closed_at = created_at where job_id = 'job_pending'",
                "pending_differs_from_open_holds", "org:org_b");
    }

    @Test
    void a_hold_whose_amount_differs_from_its_reserve_entry_is_reported() throws Exception {
        assertTampering("update ledger_holds set amount_credits = 31, posted_credits = 10 where job_id = 'job_posted'",
                "hold_reserve_entry_mismatch", "job_posted");
    }

    @Test
    void a_closed_hold_without_its_closing_entry_is_reported() throws Exception {
        assertTampering("update ledger_holds set posted_credits = 11 where job_id = 'job_posted'",
                "hold_close_entry_mismatch", "job_posted");
    }

    @Test
    void a_journal_entry_for_a_missing_hold_is_reported() throws Exception {
        assertTampering("delete from ledger_holds where job_id = 'job_voided'",
                "journal_entry_without_hold", "job_voided");
    }

    @Test
    void a_journal_entry_naming_an_unknown_account_is_reported() throws Exception {
        assertTampering("insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,"
                        + " pending_delta_credits, posted_credits, reference, created_at)"
                        + " values ('grant', 'ghost', 'system:grants', 'org:ghost', 0, 5, 'ghost-grant', now())",
                "journal_entry_for_unknown_account", "org:ghost");
    }

    @Test
    void a_hold_of_an_org_without_account_is_reported() throws Exception {
        assertTampering("update ledger_holds set org_id = 'org_ghost' where job_id = 'job_pending'",
                "hold_of_unknown_org", "job_pending");
    }

    /** Tampers inside a transaction that is rolled back, so the books stay clean for the next test. */
    private void assertTampering(String sql, String expectedCode, String expectedSubject) throws Exception {
        try (Connection c = database.open(); Statement statement = c.createStatement()) {
            statement.executeUpdate(sql);
            InvariantReport report = ledger.checkInvariants(c);
            assertThat(report.ok()).isFalse();
            assertThat(report.violations()).anySatisfy(v -> {
                assertThat(v.code()).isEqualTo(expectedCode);
                assertThat(v.subject()).isEqualTo(expectedSubject);
            });
            c.rollback();
        }
    }
}
