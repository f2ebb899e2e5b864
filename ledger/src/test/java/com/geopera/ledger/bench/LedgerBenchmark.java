package com.geopera.ledger.bench;

import com.geopera.ledger.Ledger;
import com.geopera.ledger.Reserved;
import com.geopera.ledger.SettleResult;
import com.geopera.ledger.Settled;
import com.geopera.ledger.Settlement;
import com.geopera.ledger.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reserve+settle pairs per second on one hot account and spread over 1,000, next to pgbench's simple-update
 * TPS on the same scratch database in the same run: each call its own committed transaction (as dispatch and
 * register are today), and with settles applied {@code settleBatch} per transaction ({@link Ledger#settleAll}).
 * Prints one Markdown row of medians; rounds go to stderr.
 * Usage: {@code LedgerBenchmark [clients] [seconds per phase] [settleBatch]}; see {@code ledger/bench/run}.
 */
public final class LedgerBenchmark {
    private static final int DEFAULT_CLIENTS = 8;
    private static final int DEFAULT_SECONDS = 10;
    /** Completions applied per transaction in the batched loads, as a consumer of worker events under load would. */
    private static final int DEFAULT_SETTLE_BATCH = 8;
    private static final int WARMUP_SECONDS = 2;
    private static final int ROUNDS = 3;
    private static final int SPREAD_ACCOUNTS = 1_000;
    private static final int PGBENCH_THREADS = 2;
    private static final int PGBENCH_SCALE = 1;
    /** Enough that no org runs dry in a run: settles charge what they reserve. */
    private static final long CREDITS_PER_ACCOUNT = 1_000_000_000L;
    private static final long CREDITS_PER_JOB = 3;
    private static final Duration HOLD_TTL = Duration.ofHours(1);
    private static final double TARGET_RATIO = 0.5;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_CLIENTS;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        int settleBatch = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_SETTLE_BATCH;
        try (TestDatabase database = TestDatabase.create()) {
            Ledger ledger = new Ledger(Clock.systemUTC());
            List<String> spread = new ArrayList<>();
            try (Connection c = database.open()) {
                ledger.grant(c, "org_hot", CREDITS_PER_ACCOUNT, "bench-hot");
                for (int i = 0; i < SPREAD_ACCOUNTS; i++) {
                    String org = "org_spread_" + i;
                    ledger.grant(c, org, CREDITS_PER_ACCOUNT, "bench-" + org);
                    spread.add(org);
                }
                c.commit();
            }
            initPgbench(database);
            // The machine is shared: rounds interleave the three loads so that each ratio compares
            // measurements taken seconds apart, and the median round is reported.
            List<Double> pgbenchTps = new ArrayList<>();
            List<Double> hotPairs = new ArrayList<>();
            List<Double> spreadPairs = new ArrayList<>();
            List<Double> hotRatios = new ArrayList<>();
            List<Double> spreadRatios = new ArrayList<>();
            List<Double> hotBatchedRatios = new ArrayList<>();
            List<Double> spreadBatchedRatios = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double tps = pgbench(database, clients, seconds);
                double hot = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds, "hot" + round, true, 1);
                double wide = pairsPerSecond(database, ledger, spread, clients, seconds, "spread" + round, true, 1);
                double hotBatched = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds,
                        "hot_batched" + round, true, settleBatch);
                double wideBatched = pairsPerSecond(database, ledger, spread, clients, seconds,
                        "spread_batched" + round, true, settleBatch);
                System.err.printf(Locale.ROOT, "round %d: pgbench %.0f tps, hot %.0f pairs/s, spread %.0f pairs/s,"
                                + " settles in batches of %d: hot %.0f pairs/s, spread %.0f pairs/s%n",
                        round, tps, hot, wide, settleBatch, hotBatched, wideBatched);
                pgbenchTps.add(tps);
                hotPairs.add(hot);
                spreadPairs.add(wide);
                hotRatios.add(hot / tps);
                spreadRatios.add(wide / tps);
                hotBatchedRatios.add(hotBatched / tps);
                spreadBatchedRatios.add(wideBatched / tps);
            }
            // Diagnostic only, never how the api runs: shows how much of the hot account's limit is the WAL
            // flush that every holder of its row lock waits for before the next one can go.
            double hotNoFlushPairs = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds,
                    "hot_no_flush", false, 1);
            boolean consistent;
            try (Connection c = database.open()) {
                consistent = ledger.checkInvariants(c).ok();
            }
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.2f | %d | %.2f | %.2f | %.0f | %s |%n",
                    clients, median(pgbenchTps), median(hotPairs), median(hotRatios), median(spreadPairs),
                    median(spreadRatios), settleBatch, median(hotBatchedRatios), median(spreadBatchedRatios),
                    hotNoFlushPairs, consistent ? "ok" : "FAILED");
            System.err.printf(Locale.ROOT, "target ratio %.2f: hot %s, spread %s; settles in batches of %d: hot %s,"
                            + " spread %s%n", TARGET_RATIO, verdict(median(hotRatios)), verdict(median(spreadRatios)),
                    settleBatch, verdict(median(hotBatchedRatios)), verdict(median(spreadBatchedRatios)));
        }
    }

    private static String verdict(double ratio) {
        return ratio >= TARGET_RATIO ? "met" : "missed";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Each client reserves in one transaction per job; every {@code settleBatch} reserves it settles them in one
     * transaction ({@link Ledger#settle} when 1, {@link Ledger#settleAll} otherwise).
     */
    private static double pairsPerSecond(TestDatabase database, Ledger ledger, List<String> orgs, int clients,
                                         int seconds, String label, boolean synchronousCommit, int settleBatch)
            throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong pairs = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            String prefix = label + "_" + t + "_job_";
            Thread thread = new Thread(() -> {
                long jobNumber = 0;
                try (Connection c = database.open()) {
                    if (!synchronousCommit) {
                        try (var sql = c.createStatement()) {
                            sql.execute("set synchronous_commit = off");
                        }
                        c.commit();
                    }
                    List<Settlement> completed = new ArrayList<>(settleBatch);
                    while (running.get()) {
                        String org = orgs.get(ThreadLocalRandom.current().nextInt(orgs.size()));
                        String job = prefix + jobNumber++;
                        if (!(ledger.reserve(c, org, job, CREDITS_PER_JOB, HOLD_TTL) instanceof Reserved)) {
                            failures.incrementAndGet();
                        }
                        c.commit();
                        completed.add(new Settlement(job, CREDITS_PER_JOB - 1));
                        if (completed.size() < settleBatch) {
                            continue;
                        }
                        List<SettleResult> settled = settleBatch == 1
                                ? List.of(ledger.settle(c, job, CREDITS_PER_JOB - 1))
                                : ledger.settleAll(c, completed);
                        c.commit();
                        failures.addAndGet(settled.stream().filter(r -> !(r instanceof Settled)).count());
                        if (counting.get()) {
                            pairs.addAndGet(completed.size());
                        }
                        completed.clear();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                }
            }, "bench-" + label + "-" + t);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(Duration.ofSeconds(WARMUP_SECONDS).toMillis());
        counting.set(true);
        long startNanos = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        counting.set(false);
        long elapsedNanos = System.nanoTime() - startNanos;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(label + ": " + failures.get() + " pairs failed");
        }
        return pairs.get() / (elapsedNanos / 1e9);
    }

    /** pgbench's tables in the same scratch database as the ledger's. */
    private static void initPgbench(TestDatabase database) throws Exception {
        List<String> init = new ArrayList<>(List.of("pgbench", "-i", "-q", "-s", String.valueOf(PGBENCH_SCALE)));
        init.addAll(pgConnectionArguments(database));
        init.add(database.name());
        run(init);
    }

    /** The built-in simple-update script (-N) with the same client count. */
    private static double pgbench(TestDatabase database, int clients, int seconds) throws Exception {
        List<String> bench = new ArrayList<>(List.of("pgbench", "-N", "-c", String.valueOf(clients),
                "-j", String.valueOf(PGBENCH_THREADS), "-T", String.valueOf(seconds)));
        bench.addAll(pgConnectionArguments(database));
        bench.add(database.name());
        Matcher tps = TPS.matcher(run(bench));
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps");
        }
        return Double.parseDouble(tps.group(1));
    }

    private static List<String> pgConnectionArguments(TestDatabase database) {
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        String user = "postgres";
        if (uri.getQuery() != null) {
            for (String parameter : uri.getQuery().split("&")) {
                if (parameter.startsWith("user=")) {
                    user = parameter.substring("user=".length());
                }
            }
        }
        return List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", user);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output.toString();
    }
}
