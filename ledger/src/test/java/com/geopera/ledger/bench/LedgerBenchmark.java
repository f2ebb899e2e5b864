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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reserve+settle pairs per second on one hot account and spread over 1,000, next to pgbench's simple-update
 * TPS on the same scratch database in the same run, with as many connections as pgbench has clients: as the api
 * runs (reserves one per transaction, as dispatch does; settles by one connection, everything completed so far
 * up to {@code settleBatch} per transaction, as the worker-event consumer applies a poll), and with every call in
 * its own transaction for reference.
 * Prints one Markdown row of medians; rounds go to stderr.
 * Usage: {@code LedgerBenchmark [clients] [seconds per phase] [settleBatch]}; see {@code ledger/bench/run}.
 */
public final class LedgerBenchmark {
    private static final int DEFAULT_CLIENTS = 8;
    private static final int DEFAULT_SECONDS = 10;
    /** Most settles per transaction in the batched loads: the api's worker-event consumer's max.poll.records. */
    private static final int DEFAULT_SETTLE_BATCH = 100;
    private static final int WARMUP_SECONDS = 2;
    /** Slices per org, as the api's {@code geopera.ledger.slices-per-org}; {@code BENCH_SLICES_PER_ORG} changes it. */
    private static final int SLICES_PER_ORG = Integer.parseInt(System.getenv().getOrDefault("BENCH_SLICES_PER_ORG",
            String.valueOf(Ledger.DEFAULT_SLICES_PER_ORG)));
    private static final int ROUNDS = 5;
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
            Ledger ledger = new Ledger(Clock.systemUTC(), SLICES_PER_ORG);
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
            List<Double> hotPerCallRatios = new ArrayList<>();
            List<Double> spreadPerCallRatios = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double tps = pgbench(database, clients, seconds);
                double hot = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds, "hot" + round,
                        true, settleBatch);
                double wide = pairsPerSecond(database, ledger, spread, clients, seconds, "spread" + round, true,
                        settleBatch);
                double hotPerCall = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds,
                        "hot_per_call" + round, true, 1);
                double widePerCall = pairsPerSecond(database, ledger, spread, clients, seconds,
                        "spread_per_call" + round, true, 1);
                System.err.printf(Locale.ROOT, "round %d: pgbench %.0f tps; as the api runs: hot %.0f pairs/s, spread"
                                + " %.0f pairs/s; one transaction per call: hot %.0f pairs/s, spread %.0f pairs/s%n",
                        round, tps, hot, wide, hotPerCall, widePerCall);
                pgbenchTps.add(tps);
                hotPairs.add(hot);
                spreadPairs.add(wide);
                hotRatios.add(hot / tps);
                spreadRatios.add(wide / tps);
                hotPerCallRatios.add(hotPerCall / tps);
                spreadPerCallRatios.add(widePerCall / tps);
            }
            // Diagnostic only, never how the api runs: shows how much of the hot account's limit is the WAL
            // flush that every holder of its row lock waits for before the next one can go.
            double hotNoFlushPairs = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds,
                    "hot_no_flush", false, 1);
            boolean consistent;
            try (Connection c = database.open()) {
                consistent = ledger.checkInvariants(c).ok();
            }
            System.out.printf(Locale.ROOT, "| %d | %.0f | %d | %.0f | **%.2f** | %.0f | **%.2f** | %.2f | %.2f | %.0f | %s |%n",
                    clients, median(pgbenchTps), settleBatch, median(hotPairs), median(hotRatios), median(spreadPairs),
                    median(spreadRatios), median(hotPerCallRatios), median(spreadPerCallRatios), hotNoFlushPairs,
                    consistent ? "ok" : "FAILED");
            System.err.printf(Locale.ROOT, "target ratio %.2f as the api runs: hot %s, spread %s; one transaction per"
                            + " call: hot %s, spread %s%n", TARGET_RATIO, verdict(median(hotRatios)),
                    verdict(median(spreadRatios)), verdict(median(hotPerCallRatios)),
                    verdict(median(spreadPerCallRatios)));
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
     * Pairs per second with {@code connections} JDBC connections, like pgbench's clients. With {@code maxSettleBatch}
     * 1 every connection reserves in one transaction and settles in the next. Otherwise the load runs as the api
     * does: {@code connections - 1} connections reserve, one transaction per job (HTTP dispatch), and hand the job
     * over to one settler connection that settles everything completed so far, up to {@code maxSettleBatch} jobs
     * per transaction (the worker-event consumer applying one Kafka poll per transaction). A pair counts once settled.
     */
    private static double pairsPerSecond(TestDatabase database, Ledger ledger, List<String> orgs, int connections,
                                         int seconds, String label, boolean synchronousCommit, int maxSettleBatch)
            throws Exception {
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong pairs = new AtomicLong();
        AtomicLong settleTransactions = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        boolean batched = maxSettleBatch > 1;
        BlockingQueue<Settlement> completed = new LinkedBlockingQueue<>();
        List<Thread> threads = new ArrayList<>();
        int reservers = batched ? connections - 1 : connections;
        for (int t = 0; t < reservers; t++) {
            String prefix = label + "_" + t + "_job_";
            threads.add(start("bench-" + label + "-" + t, database, synchronousCommit, failures, c -> {
                long jobNumber = 0;
                while (running.get()) {
                    String org = orgs.get(ThreadLocalRandom.current().nextInt(orgs.size()));
                    String job = prefix + jobNumber++;
                    if (!(ledger.reserve(c, org, job, CREDITS_PER_JOB, HOLD_TTL) instanceof Reserved)) {
                        failures.incrementAndGet();
                    }
                    c.commit();
                    if (batched) {
                        completed.add(new Settlement(job, CREDITS_PER_JOB - 1));
                        continue;
                    }
                    if (!(ledger.settle(c, job, CREDITS_PER_JOB - 1) instanceof Settled)) {
                        failures.incrementAndGet();
                    }
                    c.commit();
                    if (counting.get()) {
                        pairs.incrementAndGet();
                    }
                }
            }));
        }
        if (batched) {
            threads.add(start("bench-" + label + "-settler", database, synchronousCommit, failures, c -> {
                List<Settlement> batch = new ArrayList<>(maxSettleBatch);
                while (running.get()) {
                    Settlement first = completed.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    completed.drainTo(batch, maxSettleBatch - 1);
                    List<SettleResult> settled = ledger.settleAll(c, batch);
                    c.commit();
                    failures.addAndGet(settled.stream().filter(r -> !(r instanceof Settled)).count());
                    if (counting.get()) {
                        pairs.addAndGet(batch.size());
                        settleTransactions.incrementAndGet();
                    }
                    batch.clear();
                }
            }));
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
        if (batched && settleTransactions.get() > 0) {
            System.err.printf(Locale.ROOT, "%s: %.1f settles per transaction on average, %d jobs left unsettled%n",
                    label, (double) pairs.get() / settleTransactions.get(), completed.size());
        }
        return pairs.get() / (elapsedNanos / 1e9);
    }

    /** What one benchmark connection does until the load stops. */
    private interface Load {
        void run(Connection connection) throws Exception;
    }

    private static Thread start(String name, TestDatabase database, boolean synchronousCommit, AtomicLong failures,
                                Load load) {
        Thread thread = new Thread(() -> {
            try (Connection c = database.open()) {
                if (!synchronousCommit) {
                    try (var sql = c.createStatement()) {
                        sql.execute("set synchronous_commit = off");
                    }
                    c.commit();
                }
                load.run(c);
            } catch (Exception e) {
                failures.incrementAndGet();
                e.printStackTrace();
            }
        }, name);
        thread.start();
        return thread;
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
