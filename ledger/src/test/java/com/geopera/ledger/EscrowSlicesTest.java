package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An org's credits live in escrow slices: how they are spread, gathered and shared by concurrent reserves. */
class EscrowSlicesTest {
    private static final int SLICES = 8;
    private static final Duration TTL = Duration.ofMinutes(10);

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();
    private final Ledger ledger = new Ledger(Clock.systemUTC(), SLICES);
    private String org;

    @BeforeEach
    void newOrg() {
        org = "org_" + UUID.randomUUID();
    }

    @Test
    void a_grant_spreads_over_the_slices_and_the_balance_is_their_sum() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 83, org + ":grant"));

            assertThat(slicesAvailable(c)).containsExactly(11L, 11L, 11L, 10L, 10L, 10L, 10L, 10L);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(83, 0, 83));
        }
    }

    @Test
    void a_reserve_larger_than_any_slice_gathers_credits_into_one_and_succeeds() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 80, org + ":grant"));

            ReserveResult result = Tx.commit(c, x -> ledger.reserve(x, org, org + ":big", 75, TTL));

            assertThat(result).isInstanceOf(Reserved.class);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(80, 75, 5));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
            Settled settled = (Settled) Tx.commit(c, x -> ledger.settle(x, org + ":big", 70));
            assertThat(settled.postedCredits()).isEqualTo(70);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(10, 0, 10));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void a_reserve_the_slices_cannot_cover_even_together_is_refused_with_what_is_available() throws Exception {
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 80, org + ":grant"));
            Tx.commit(c, x -> ledger.reserve(x, org, org + ":first", 50, TTL));

            ReserveResult result = Tx.commit(c, x -> ledger.reserve(x, org, org + ":second", 31, TTL));

            assertThat(result).isEqualTo(new InsufficientCredits(30, 31));
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(80, 50, 30));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void concurrent_uncommitted_reserves_of_one_org_each_take_their_own_slice_without_waiting() throws Exception {
        try (Connection setup = database.open()) {
            Tx.commit(setup, x -> ledger.grant(x, org, 8_000, org + ":grant"));
        }
        List<Connection> open = new ArrayList<>();
        try {
            Set<Integer> slicesTaken = new HashSet<>();
            for (int i = 0; i < SLICES; i++) {
                Connection c = database.open();
                open.add(c);
                try (Statement sql = c.createStatement()) {
                    // waiting for another transaction's slice would hang here: fail instead
                    sql.execute("set lock_timeout = '2s'");
                }
                assertThat(ledger.reserve(c, org, org + ":job" + i, 5, TTL)).isInstanceOf(Reserved.class);
                slicesTaken.add(sliceOfHold(c, org + ":job" + i));
            }
            assertThat(slicesTaken).hasSize(SLICES);
            for (Connection c : open) {
                c.commit();
            }
            try (Connection c = database.open()) {
                assertThat(ledger.balance(c, org)).isEqualTo(new Balance(8_000, 40, 7_960));
                assertThat(ledger.checkInvariants(c).violations()).isEmpty();
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
    }

    @Test
    void a_settle_whose_own_slice_another_transaction_holds_gives_the_credits_to_a_free_slice_without_waiting()
            throws Exception {
        try (Connection c = database.open(); Connection other = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 800, org + ":grant"));
            Tx.commit(c, x -> ledger.reserve(x, org, org + ":job", 50, TTL));
            int own = sliceOfHold(c, org + ":job");
            lockSlices(other, "slice = " + own);
            try (Statement sql = c.createStatement()) {
                sql.execute("set lock_timeout = '2s'"); // waiting for the held slice would fail here
            }

            SettleResult result = Tx.commit(c, x -> ledger.settle(x, org + ":job", 20));

            assertThat(result).isInstanceOf(Settled.class);
            other.rollback();
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(780, 0, 780));
            assertThat(slicesAvailable(c).get(own)).isEqualTo(50L);
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void a_settle_batch_changes_one_free_slice_per_org_and_waits_for_none() throws Exception {
        try (Connection c = database.open(); Connection other = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 800, org + ":grant"));
            List<Settlement> settlements = new ArrayList<>();
            for (int i = 0; i < SLICES; i++) {
                String job = org + ":job" + i;
                Tx.commit(c, x -> ledger.reserve(x, org, job, 10, TTL));
                settlements.add(new Settlement(job, 4));
            }
            lockSlices(other, "slice < " + (SLICES - 1)); // one slice stays free
            try (Statement sql = c.createStatement()) {
                sql.execute("set lock_timeout = '2s'");
            }
            List<Long> before = slicesAvailable(c);

            List<SettleResult> results = Tx.commit(c, x -> ledger.settleAll(x, settlements));

            assertThat(results).allMatch(Settled.class::isInstance);
            other.rollback();
            List<Long> after = slicesAvailable(c);
            for (int slice = 0; slice < SLICES - 1; slice++) {
                assertThat(after.get(slice)).as("slice %d", slice).isEqualTo(before.get(slice));
            }
            assertThat(after.get(SLICES - 1)).isEqualTo(before.get(SLICES - 1) + SLICES * 10 - SLICES * 4);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(800 - SLICES * 4, 0, 800 - SLICES * 4));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void a_close_finding_every_slice_of_its_org_locked_waits_for_one_and_then_goes_through() throws Exception {
        String otherOrg = org + "_b";
        try (Connection c = database.open(); Connection other = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 800, org + ":grant"));
            Tx.commit(c, x -> ledger.grant(x, otherOrg, 800, otherOrg + ":grant"));
            Tx.commit(c, x -> ledger.reserve(x, org, org + ":job", 30, TTL));
            Tx.commit(c, x -> ledger.reserve(x, otherOrg, otherOrg + ":job", 30, TTL));
            lockSlices(other, "true");

            List<SettleResult> settled = waitsUntilReleased(other, () -> Tx.commit(c, x -> ledger.settleAll(x,
                    List.of(new Settlement(org + ":job", 10), new Settlement(otherOrg + ":job", 30)))));

            assertThat(settled).allMatch(Settled.class::isInstance);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(790, 0, 790));
            assertThat(ledger.balance(c, otherOrg)).isEqualTo(new Balance(770, 0, 770));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void a_release_finding_every_slice_of_its_org_locked_waits_for_its_own_and_then_goes_through() throws Exception {
        try (Connection c = database.open(); Connection other = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 800, org + ":grant"));
            Tx.commit(c, x -> ledger.reserve(x, org, org + ":job", 30, TTL));
            int own = sliceOfHold(c, org + ":job");
            lockSlices(other, "true");

            ReleaseResult released = waitsUntilReleased(other, () -> Tx.commit(c, x -> ledger.release(x, org + ":job")));

            assertThat(released).isInstanceOf(Released.class);
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(800, 0, 800));
            assertThat(slicesAvailable(c).get(own)).isEqualTo(100L);
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void mixed_traffic_on_one_org_with_few_credits_never_deadlocks_and_keeps_the_books() throws Exception {
        int threads = 16;
        int operationsPerThread = 150;
        long granted = 60;
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, granted, org + ":grant"));
        }
        AtomicLong charged = new AtomicLong();
        ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    try (Connection c = database.open()) {
                        start.await();
                        List<String> mine = new ArrayList<>();
                        for (int i = 0; i < operationsPerThread; i++) {
                            int choice = random.nextInt(10);
                            if (choice < 5 || mine.isEmpty()) {
                                String job = org + ":t" + thread + ":" + i;
                                ReserveResult r = Tx.commit(c, x -> ledger.reserve(x, org, job, 1 + random.nextInt(9), TTL));
                                outcomes.add(r.code());
                                if (r instanceof Reserved) {
                                    mine.add(job);
                                }
                            } else if (choice < 8) {
                                String job = mine.remove(random.nextInt(mine.size()));
                                long actual = random.nextInt(10);
                                SettleResult r = Tx.commit(c, x -> ledger.settle(x, job, actual));
                                charged.addAndGet(((Settled) r).postedCredits());
                                outcomes.add(r.code());
                            } else {
                                String job = mine.remove(random.nextInt(mine.size()));
                                outcomes.add(Tx.commit(c, x -> ledger.release(x, job)).code());
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS); // a deadlock surfaces here as a LedgerStorageException
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).contains("reserved", "insufficient_credits", "settled", "released");
        try (Connection c = database.open()) {
            Balance balance = ledger.balance(c, org);
            assertThat(balance.posted()).isEqualTo(granted - charged.get());
            assertThat(balance.pending()).isEqualTo(pendingHolds(c));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void an_org_balance_from_before_slices_moves_into_slice_zero_with_its_holds() throws Exception {
        try (TestDatabase before = TestDatabase.createAt("202611251800")) {
            try (Connection c = before.open(); Statement sql = c.createStatement()) {
                sql.executeUpdate("insert into ledger_accounts (account_id, kind, org_id, balance_cached, created_at,"
                        + " credits_posted, debits_pending) values ('org:old', 'org', 'old', true, now(), 100, 30)");
                sql.executeUpdate("update ledger_accounts set debits_posted = 100 where account_id = 'system:grants'");
                sql.executeUpdate("insert into ledger_holds (job_id, org_id, amount_credits, status, expires_at,"
                        + " created_at) values ('old:job', 'old', 30, 'pending', now() + interval '1 hour', now())");
                sql.executeUpdate("insert into ledger_journal (kind, org_id, debit_account_id, credit_account_id,"
                        + " pending_delta_credits, posted_credits, job_id, reference, created_at) values"
                        + " ('grant', 'old', 'system:grants', 'org:old', 0, 100, null, 'old-grant', now()),"
                        + " ('reserve', 'old', 'org:old', 'system:revenue', 30, 0, 'old:job', null, now())");
                c.commit();
            }
            before.migrateTo(null);

            try (Connection c = before.open()) {
                assertThat(ledger.balance(c, "old")).isEqualTo(new Balance(100, 30, 70));
                assertThat(ledger.checkInvariants(c).violations()).isEmpty();
                ReserveResult next = Tx.commit(c, x -> ledger.reserve(x, "old", "old:next", 60, TTL));
                assertThat(next).isInstanceOf(Reserved.class);
                SettleResult settled = Tx.commit(c, x -> ledger.settle(x, "old:job", 30));
                assertThat(settled).isInstanceOf(Settled.class);
                Tx.commit(c, x -> ledger.grant(x, "old", 16, "old-grant-2"));
                assertThat(ledger.balance(c, "old")).isEqualTo(new Balance(86, 60, 26));
                assertThat(ledger.checkInvariants(c).violations()).isEmpty();
            }
        }
    }

    /**
     * Runs the call on another thread and checks that it waits while {@code holder}'s transaction holds its locks;
     * then ends that transaction and returns what the call answers.
     */
    private static <T> T waitsUntilReleased(Connection holder, Callable<T> call) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<T> result = caller.submit(call);
            Thread.sleep(300);
            assertThat(result).isNotDone();
            holder.rollback();
            return result.get(10, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    /** Locks this org's slices matching {@code where} in the connection's open transaction. */
    private void lockSlices(Connection c, String where) throws Exception {
        try (PreparedStatement lock = c.prepareStatement("select slice from ledger_account_slices"
                + " where account_id = ? and " + where + " order by slice for update")) {
            lock.setString(1, Accounts.ofOrg(org));
            lock.executeQuery().close();
        }
    }

    private List<Long> slicesAvailable(Connection c) throws Exception {
        try (PreparedStatement select = c.prepareStatement("select credits_posted - debits_posted - debits_pending"
                + " from ledger_account_slices where account_id = ? order by slice")) {
            select.setString(1, Accounts.ofOrg(org));
            List<Long> available = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    available.add(rows.getLong(1));
                }
            }
            return available;
        }
    }

    private static int sliceOfHold(Connection c, String jobId) throws Exception {
        try (PreparedStatement select = c.prepareStatement("select slice from ledger_holds where job_id = ?")) {
            select.setString(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private long pendingHolds(Connection c) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "select coalesce(sum(amount_credits), 0) from ledger_holds where org_id = ? and status = 'pending'")) {
            select.setString(1, org);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
