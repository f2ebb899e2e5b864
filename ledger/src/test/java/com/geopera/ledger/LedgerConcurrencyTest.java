package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real threads, each with its own connection, racing transactions against one account: the database, not
 * Java, must keep every org's available credits at or above zero and every hold closed exactly once.
 */
class LedgerConcurrencyTest {
    private static final int RESERVATIONS = 200;
    /** Parallel connections; PostgreSQL's default max_connections (100) is shared with other test runs. */
    private static final int CLIENT_THREADS = 40;
    private static final long CREDITS_FOR_37_HOLDS = 37;
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final long AWAIT_SECONDS = 120;
    private static final int BATCHED_JOBS_PER_ORG = 200;
    private static final int SETTLEMENTS_PER_BATCH = 10;

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();
    private final Ledger ledger = new Ledger(Clock.systemUTC());

    @Test
    void two_hundred_parallel_reservations_against_credits_for_37_make_exactly_37_holds() throws Exception {
        String org = "org_" + UUID.randomUUID();
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, CREDITS_FOR_37_HOLDS, org + ":grant"));
        }
        List<ReserveResult> results = runInParallel(RESERVATIONS, i -> (Connection x) ->
                ledger.reserve(x, org, org + ":job" + i, 1, TTL));

        long reserved = results.stream().filter(r -> r instanceof Reserved).count();
        long refused = results.stream().filter(r -> r instanceof InsufficientCredits).count();
        assertThat(reserved).isEqualTo(CREDITS_FOR_37_HOLDS);
        assertThat(refused).isEqualTo(RESERVATIONS - CREDITS_FOR_37_HOLDS);
        assertThat(results).filteredOn(r -> r instanceof InsufficientCredits)
                .allSatisfy(r -> assertThat(((InsufficientCredits) r).availableCredits()).isZero());
        try (Connection c = database.open()) {
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(CREDITS_FOR_37_HOLDS, CREDITS_FOR_37_HOLDS, 0));
            assertThat(countRows(c, "select count(*) from ledger_holds where org_id = ?", org))
                    .isEqualTo(CREDITS_FOR_37_HOLDS);
            assertThat(countRows(c, "select count(*) from ledger_journal where org_id = ? and kind = 'reserve'", org))
                    .isEqualTo(CREDITS_FOR_37_HOLDS);
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void parallel_reserves_of_the_same_job_make_one_hold() throws Exception {
        String org = "org_" + UUID.randomUUID();
        String job = org + ":job";
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 1_000, org + ":grant"));
        }
        List<ReserveResult> results = runInParallel(CLIENT_THREADS, i -> (Connection x) ->
                ledger.reserve(x, org, job, 10, TTL));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Reserved.class));
        assertThat(results).filteredOn(r -> !((Reserved) r).alreadyExisted()).hasSize(1);
        try (Connection c = database.open()) {
            assertThat(ledger.balance(c, org)).isEqualTo(new Balance(1_000, 10, 990));
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void racing_settles_and_releases_of_one_hold_close_it_exactly_once() throws Exception {
        String org = "org_" + UUID.randomUUID();
        String job = org + ":job";
        try (Connection c = database.open()) {
            Tx.commit(c, x -> ledger.grant(x, org, 100, org + ":grant"));
            Tx.commit(c, x -> ledger.reserve(x, org, job, 30, TTL));
        }
        List<String> codes = runInParallel(CLIENT_THREADS, i -> (Connection x) ->
                i % 2 == 0 ? ledger.settle(x, job, 20).code() : ledger.release(x, job).code());

        try (Connection c = database.open()) {
            Hold hold = ledger.hold(c, job).orElseThrow();
            if (hold.status() == HoldStatus.POSTED) {
                assertThat(codes).containsOnly("settled", "hold_already_posted");
                assertThat(ledger.balance(c, org)).isEqualTo(new Balance(80, 0, 80));
            } else {
                assertThat(hold.status()).isEqualTo(HoldStatus.VOIDED);
                assertThat(codes).containsOnly("released", "hold_already_released");
                assertThat(ledger.balance(c, org)).isEqualTo(new Balance(100, 0, 100));
            }
            assertThat(countRows(c, "select count(*) from ledger_journal where job_id = ? and kind <> 'reserve'", job))
                    .isEqualTo(1);
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    @Test
    void concurrent_settle_batches_over_shared_slices_never_deadlock_and_close_each_hold_once() throws Exception {
        String run = "batch_" + UUID.randomUUID() + "_";
        List<String> orgs = List.of(run + "org_a", run + "org_b");
        List<String> jobs = new ArrayList<>();
        try (Connection c = database.open()) {
            for (String org : orgs) {
                Tx.commit(c, x -> ledger.grant(x, org, 100_000, org + ":grant"));
                for (int i = 0; i < BATCHED_JOBS_PER_ORG; i++) {
                    String job = org + ":job" + i;
                    ReserveResult reserved = Tx.commit(c, x -> ledger.reserve(x, org, job, 5, TTL));
                    assertThat(reserved).isInstanceOf(Reserved.class);
                    jobs.add(job);
                }
            }
        }
        // Every job in two batches, each batch mixing both orgs' slices in random order.
        Random random = new Random(20261125L);
        List<List<Settlement>> batches = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            List<String> shuffled = new ArrayList<>(jobs);
            Collections.shuffle(shuffled, random);
            for (int from = 0; from < shuffled.size(); from += SETTLEMENTS_PER_BATCH) {
                batches.add(shuffled.subList(from, from + SETTLEMENTS_PER_BATCH).stream()
                        .map(job -> new Settlement(job, 3)).toList());
            }
        }
        List<List<SettleResult>> results = runInParallel(batches.size(), i -> (Connection x) ->
                ledger.settleAll(x, batches.get(i)));

        List<SettleResult> all = results.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(jobs.size() * 2).allSatisfy(r -> assertThat(r).isInstanceOf(Settled.class));
        assertThat(all).filteredOn(r -> !((Settled) r).alreadySettled()).hasSize(jobs.size())
                .extracting(r -> ((Settled) r).hold().jobId()).containsExactlyInAnyOrderElementsOf(jobs);
        try (Connection c = database.open()) {
            for (String org : orgs) {
                assertThat(ledger.balance(c, org)).isEqualTo(new Balance(
                        100_000 - 3L * BATCHED_JOBS_PER_ORG, 0, 100_000 - 3L * BATCHED_JOBS_PER_ORG));
            }
            assertThat(ledger.checkInvariants(c).violations()).isEmpty();
        }
    }

    /** One operation, as the api would run it in its own transaction on its own connection. */
    interface Work<T> {
        T apply(Connection connection);
    }

    /** Starts all calls at once (a latch), each thread owning a connection; returns every result. */
    private static <T> List<T> runInParallel(int calls, java.util.function.IntFunction<Work<T>> work) throws Exception {
        int threads = Math.min(calls, CLIENT_THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<T>> task = () -> {
                    List<T> mine = new ArrayList<>();
                    try (Connection c = database.open()) {
                        start.await();
                        for (int i = thread; i < calls; i += threads) {
                            Work<T> call = work.apply(i);
                            mine.add(Tx.commit(c, call::apply));
                        }
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get(AWAIT_SECONDS, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long countRows(Connection c, String sql, String parameter) throws Exception {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
