package com.geopera.systemtest.bench;

import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.StackOptions;
import com.geopera.systemtest.TestServers;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accept rate of issue 18 (target 2): {@code processing.execute} with no worker running, each request a new small
 * clip, from {@code --threads} client connections; jobs/s, latency percentiles, the api's CPU per accepted job, how
 * long the outbox takes to reach Kafka after the burst, and the Celery peer's enqueue rate from as many threads.
 * Usage: {@code deploy/system-tests/bench/run accept [--jobs 2000] [--threads 16] [--warm-up 200] [--top 15]
 * [--no-profile] [--http 1.1|2]}: HTTP/1.1 by default, so each client thread has a connection of its own (the JDK's
 * HTTP/2 client multiplexes every thread's calls over one connection). Meant for a quiet machine.
 */
public final class AcceptBenchmark {
    private AcceptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 2000;
        int threads = 16;
        int warmUp = 200;
        int top = 15;
        boolean profile = true;
        HttpClient.Version http = HttpClient.Version.HTTP_1_1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--no-profile" -> profile = false;
                case "--http" -> http = switch (args[++i]) {
                    case "1.1" -> HttpClient.Version.HTTP_1_1;
                    case "2" -> HttpClient.Version.HTTP_2;
                    default -> throw new IllegalArgumentException("--http takes 1.1 or 2");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path profileFile = TestServers.repoRoot().resolve("deploy/system-tests/target/accept-profile")
                .resolve(Instant.now().toString().replace(':', '-') + "-api.collapsed");
        StackOptions options = StackOptions.workers(0).withCredits(1_000_000_000L);
        String loadBefore = BenchJobs.loadAverage();
        StringBuilder report = new StringBuilder();
        String machineShares;
        try (LocalStack stack = LocalStack.start(options)) {
            OperationClient client = stack.client(http);
            burst(client, stack, warmUp, threads);
            long apiPid = stack.api().pid();
            if (profile) {
                CpuProfiles.start(apiPid);
            }
            MachineCpu.Snapshot machineBefore = MachineCpu.take(apiPid);
            double cpuBefore = machineBefore.parts().get("api");
            Instant start = Instant.now();
            List<Double> latencies;
            int connections;
            try (OpenConnections open = new OpenConnections(stack.api().httpPort())) {
                latencies = burst(client, stack, jobs, threads);
                connections = open.most();
            }
            Instant accepted = Instant.now();
            MachineCpu.Snapshot machineAfter = MachineCpu.take(apiPid);
            double cpuAfter = machineAfter.parts().get("api");
            if (profile) {
                CpuProfiles.stop(apiPid, profileFile);
            }
            Duration drained = awaitOutboxDrained(stack, accepted, Duration.ofMinutes(5));
            double seconds = Duration.between(start, accepted).toMillis() / 1000.0;
            report.append(String.format("%d executes (small clip, no worker) from %d client threads over %s, at most "
                            + "%d connections open to the api: %.1f s (load avg %s → %s)%n%n", jobs, threads,
                            http == HttpClient.Version.HTTP_1_1 ? "HTTP/1.1" : "HTTP/2 (h2c)", connections, seconds,
                            loadBefore, BenchJobs.loadAverage()))
                    .append("| system | accepted/s | p50 ms | p99 ms | api CPU ms per job | queue drained after "
                            + "the burst |\n|---|---|---|---|---|---|\n")
                    .append(String.format("| geopera `processing.execute` | %.1f | %.1f | %.1f | %.2f | outbox → "
                                    + "Kafka in %d ms |%n", jobs / seconds, Percentiles.of(latencies, 50),
                            Percentiles.of(latencies, 99), (cpuAfter - cpuBefore) * 1000 / jobs, drained.toMillis()));
            machineShares = MachineCpu.perJob(machineBefore, machineAfter, jobs);
        }
        CeleryPeer.Result celery = CeleryPeer.run(jobs, threads, 4);
        report.append(String.format("| Celery 5 + Redis, no-op `delay()` | %.1f | — | — | — | tasks done at %.1f/s "
                + "(4 processes) |%n", celery.enqueuePerSecond(), celery.tasksPerSecond()));
        report.append("\nWhere the machine's CPU went during the measured burst (/proc):\n\n").append(machineShares);
        if (profile) {
            report.append("\nCPU profile of the api over the measured burst (async-profiler):\n```\n");
            CpuProfiles.summary(profileFile, top).forEach(line -> report.append(line).append('\n'));
            report.append("```\nStacks: ").append(profileFile).append('\n');
        }
        System.out.println(report);
        BenchJobs.appendResults("accept rate", report.toString());
        System.exit(0);
    }

    /** Executes {@code count} small clips from {@code threads} threads; each call's latency in milliseconds. */
    private static List<Double> burst(OperationClient client, LocalStack stack, int count, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(pool.submit(() -> {
                long began = System.nanoTime();
                BenchJobs.executeClip(client, stack);
                latencies.add((System.nanoTime() - began) / 1e6);
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
        return latencies;
    }

    /** Time from {@code since} until no outbox row is left unsent. */
    private static Duration awaitOutboxDrained(LocalStack stack, Instant since, Duration within) throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.databaseUrl());
             Statement query = db.createStatement()) {
            while (true) {
                try (ResultSet unsent = query.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
                    unsent.next();
                    if (unsent.getLong(1) == 0) {
                        return Duration.between(since, Instant.now());
                    }
                }
                if (Duration.between(since, Instant.now()).compareTo(within) > 0) {
                    throw new IllegalStateException("outbox not drained within " + within);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
