package com.geopera.ledger.bench;

import com.geopera.ledger.Ledger;
import com.geopera.ledger.Reserved;
import com.geopera.ledger.Settled;
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
 * Reserve+settle pairs per second (each call its own committed transaction, as dispatch and register are)
 * on one hot account and spread over 1,000, next to pgbench's simple-update TPS on the same scratch
 * database in the same run. Prints one Markdown row of medians; rounds go to stderr.
 * Usage: {@code LedgerBenchmark [clients] [seconds per phase]}; see {@code ledger/bench/run}.
 */
public final class LedgerBenchmark {
    private static final int DEFAULT_CLIENTS = 8;
    private static final int DEFAULT_SECONDS = 10;
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
            for (int round = 0; round < ROUNDS; round++) {
                double tps = pgbench(database, clients, seconds);
                double hot = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds, "hot" + round, true);
                double wide = pairsPerSecond(database, ledger, spread, clients, seconds, "spread" + round, true);
                System.err.printf(Locale.ROOT, "round %d: pgbench %.0f tps, hot %.0f pairs/s, spread %.0f pairs/s%n",
                        round, tps, hot, wide);
                pgbenchTps.add(tps);
                hotPairs.add(hot);
                spreadPairs.add(wide);
                hotRatios.add(hot / tps);
                spreadRatios.add(wide / tps);
            }
            // Diagnostic only, never how the api runs: shows how much of the hot account's limit is the WAL
            // flush that every holder of its row lock waits for before the next one can go.
            double hotNoFlushPairs = pairsPerSecond(database, ledger, List.of("org_hot"), clients, seconds,
                    "hot_no_flush", false);
            boolean consistent;
            try (Connection c = database.open()) {
                consistent = ledger.checkInvariants(c).ok();
            }
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.2f | %.0f | %s |%n", clients,
                    median(pgbenchTps), median(hotPairs), median(hotRatios), median(spreadPairs),
                    median(spreadRatios), hotNoFlushPairs, consistent ? "ok" : "FAILED");
            System.err.printf(Locale.ROOT, "target ratio %.2f: hot %s, spread %s%n", TARGET_RATIO,
                    median(hotRatios) >= TARGET_RATIO ? "met" : "missed",
                    median(spreadRatios) >= TARGET_RATIO ? "met" : "missed");
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double pairsPerSecond(TestDatabase database, Ledger ledger, List<String> orgs, int clients,
                                         int seconds, String label, boolean synchronousCommit) throws Exception {
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
                    while (running.get()) {
                        String org = orgs.get(ThreadLocalRandom.current().nextInt(orgs.size()));
                        String job = prefix + jobNumber++;
                        boolean reserved = ledger.reserve(c, org, job, CREDITS_PER_JOB, HOLD_TTL) instanceof Reserved;
                        c.commit();
                        boolean settled = ledger.settle(c, job, CREDITS_PER_JOB - 1) instanceof Settled;
                        c.commit();
                        if (!reserved || !settled) {
                            failures.incrementAndGet();
                        } else if (counting.get()) {
                            pairs.incrementAndGet();
                        }
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
