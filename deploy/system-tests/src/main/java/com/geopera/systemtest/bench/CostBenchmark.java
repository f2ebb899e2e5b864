package com.geopera.systemtest.bench;

import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import com.geopera.systemtest.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The platform's own cost per job (issue 18): a burst of small clip jobs ({@code elev.tif}, a 0.2° square) through
 * the packaged api and workers, with the CPU time of the api, the Kafka broker and each worker read from
 * {@code /proc/<pid>/stat} before and after the burst, the workers' own run time (their
 * {@code geopera_worker_job_duration_seconds}: GDAL plus output writing), the job events per job by type, and CPU
 * profiles ({@link CpuProfiles}, native frames included) of the api, the first worker and the broker over the measured
 * burst.
 * Usage: {@code deploy/system-tests/bench/run cost [--workers 2] [--jobs 200] [--threads 8] [--warm-up 20]
 * [--top 15] [--no-profile] [--worker-queues clip] [--api-env NAME=VALUE …]} (--api-env: the api's environment, e.g.
 * a setting of application.properties overridden for a side-by-side run); then the Celery + Redis peer ({@link CeleryPeer}) runs as many no-op tasks with as many
 * processes as the workers have slots, and both rates are printed in one table. Meant for a quiet machine: every
 * other process's CPU competes with the one measured.
 */
public final class CostBenchmark {
    /** The frame under which a worker does the imagery work of a job; the rest of its CPU is its own overhead. */
    private static final String IMAGERY_WORK = "com/geopera/imagery/ImageryEngine.run";

    private static final String RUN_SUM = "geopera_worker_job_duration_seconds_sum";
    /** {@link StackOptions#workers(int)}'s slots per worker; the Celery peer gets as many processes in all. */
    private static final int SLOTS_PER_WORKER = 2;

    private CostBenchmark() {
    }

    /** The processes profiled over the measured burst: the api, the first worker and the broker (its request path). */
    private static final List<String> PROFILED = List.of("api", "worker-1", "kafka broker");

    public static void main(String[] args) throws Exception {
        int workers = 2;
        int jobs = 200;
        int threads = 8;
        int warmUp = 20;
        int top = 15;
        boolean profile = true;
        String workerQueues = null;
        Map<String, String> apiEnv = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                case "--no-profile" -> profile = false;
                case "--worker-queues" -> workerQueues = args[++i];
                case "--api-env" -> {
                    String[] setting = args[++i].split("=", 2);
                    apiEnv.put(setting[0], setting[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path profiles = TestServers.repoRoot().resolve("deploy/system-tests/target/cost-profile")
                .resolve(Instant.now().toString().replace(':', '-'));
        StackOptions options = BenchJobs.serving(StackOptions.workers(workers).withCredits(1_000_000_000L)
                .withApiEnv(Map.copyOf(apiEnv)),
                workerQueues);
        String loadBefore = BenchJobs.loadAverage();
        StringBuilder report = new StringBuilder();
        double submitPerSecond;
        double jobsPerSecond;
        try (LocalStack stack = LocalStack.start(options)) {
            // HTTP/1.1, a connection per client thread, as the SDKs call the api (the JDK client's HTTP/2 would send
            // every thread's calls over one connection; see the accept runs of session 13).
            OperationClient client = stack.client(HttpClient.Version.HTTP_1_1);
            burst(client, stack, warmUp, threads); // GDAL's first runs, JIT, connections

            Map<String, Long> pids = new LinkedHashMap<>();
            pids.put("api", stack.api().pid());
            pids.put("kafka broker", MachineCpu.brokerPid());
            for (int i = 1; i <= workers; i++) {
                pids.put("worker-" + i, stack.worker(i).pid());
            }
            if (profile) {
                PROFILED.forEach(name -> CpuProfiles.start(pids.get(name)));
            }
            Map<String, Double> cpuBefore = cpu(pids);
            MachineCpu.Snapshot machineBefore = MachineCpu.take(stack.api().pid());
            double runBefore = workerRunSeconds(stack, workers);
            Instant start = Instant.now();
            Burst burst = burst(client, stack, jobs, threads);
            List<String> ids = burst.ids();
            double wallSeconds = Duration.between(start, burst.ended()).toMillis() / 1000.0;
            submitPerSecond = jobs / (Duration.between(start, burst.submitted()).toMillis() / 1000.0);
            jobsPerSecond = jobs / wallSeconds;
            Map<String, Double> cpuAfter = cpu(pids);
            MachineCpu.Snapshot machineAfter = MachineCpu.take(stack.api().pid());
            if (profile) {
                PROFILED.forEach(name -> CpuProfiles.stop(pids.get(name), profiles.resolve(stacksFile(name))));
            }
            double runPerJobMs = (workerRunSeconds(stack, workers) - runBefore) * 1000 / jobs;

            report.append(String.format("%d small clip jobs from %d client threads on %d worker(s): %.1f s, "
                    + "%.1f jobs/s (load avg %s → %s); the harness read each job %.2f times (processing.job.get, "
                    + "in submission order until it had ended)%n%n", jobs, threads, workers, wallSeconds,
                    jobs / wallSeconds, loadBefore, BenchJobs.loadAverage(), burst.reads() / (double) jobs));
            report.append("| process | CPU s over the burst | CPU ms per job |\n|---|---|---|\n");
            double workersCpu = 0;
            for (String name : pids.keySet()) {
                double used = cpuAfter.get(name) - cpuBefore.get(name);
                if (name.startsWith("worker-")) {
                    workersCpu += used;
                }
                report.append(String.format("| %s | %.2f | %.1f |%n", name, used, used * 1000 / jobs));
            }
            report.append(String.format("| workers together | %.2f | %.1f (their runs: %.1f ms wall per job) |%n%n",
                    workersCpu, workersCpu * 1000 / jobs, runPerJobMs));
            // Target 3 is a rate of the whole machine: PostgreSQL and the harness count too (the workers are in
            // "rest of the machine" here).
            report.append("The whole machine over the burst:\n\n")
                    .append(MachineCpu.perJob(machineBefore, machineAfter, jobs)).append('\n');
            if (profile) {
                // worker-1's profile splits the workers' CPU: the imagery work itself, and everything around it.
                double imagery = CpuProfiles.share(profiles.resolve(stacksFile("worker-1")), IMAGERY_WORK);
                report.append(String.format("Workers' CPU per job, split by worker-1's profile: the imagery work "
                        + "(%s: GDAL, COG, statistics) %.1f ms, the worker's own overhead outside it %.1f ms "
                        + "(%.0f %% of its CPU: dispatch, preconditions and estimate, events, JIT, GC)%n%n",
                        IMAGERY_WORK, imagery * workersCpu * 1000 / jobs, (1 - imagery) * workersCpu * 1000 / jobs,
                        100 * (1 - imagery)));
            }
            report.append("| job events per job | count |\n|---|---|\n");
            eventsPerJob(stack, ids).forEach((type, perJob) ->
                    report.append(String.format("| %s | %.2f |%n", type, perJob)));
            report.append(String.format("%nThe api recorded these events in %d transactions (events per transaction: "
                    + "how full its polls of worker events were)%n", eventTransactions(stack, ids)));
        }
        CeleryPeer.Result celery = CeleryPeer.run(jobs, threads, workers * SLOTS_PER_WORKER);
        report.append(String.format("%n| system | enqueued/s | done/s (end to end) |%n|---|---|---|%n"
                        + "| geopera, small clip jobs (%d workers × %d slots) | %.1f | %.1f |%n"
                        + "| Celery 5 + Redis, no-op tasks (%d processes) | %.1f | %.1f |%n",
                workers, SLOTS_PER_WORKER, submitPerSecond, jobsPerSecond, workers * SLOTS_PER_WORKER,
                celery.enqueuePerSecond(), celery.tasksPerSecond()));
        if (profile) {
            for (String process : PROFILED) {
                report.append("\nCPU profile of ").append(process)
                        .append(" over the measured burst (async-profiler):\n```\n");
                CpuProfiles.summary(profiles.resolve(stacksFile(process)), top)
                        .forEach(line -> report.append(line).append('\n'));
                report.append("```\n");
            }
            report.append("Stacks: ").append(profiles).append('\n');
        }
        System.out.println(report);
        BenchJobs.appendResults("cost per job", report.toString());
        System.exit(0);
    }

    /**
     * A burst's job ids, when the last execute was answered, when the last job finished (its {@code finished_at}:
     * reading the jobs back takes a while on a busy machine, and is not the platform's throughput), and how many
     * times the harness read a job ({@code processing.job.get}) to learn that: those calls are in the api's CPU.
     */
    private record Burst(List<String> ids, Instant submitted, Instant ended, int reads) {
    }

    /** Submits {@code count} small clip jobs from {@code threads} threads and waits until all ended. */
    private static Burst burst(OperationClient client, LocalStack stack, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> submitted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            submitted.add(pool.submit(() -> BenchJobs.executeClip(client, stack).path("job_id").asText()));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> id : submitted) {
            ids.add(id.get());
        }
        Instant answered = Instant.now();
        pool.shutdown();
        BenchJobs.Ended ended = BenchJobs.awaitEnd(client, ids, Duration.ofMinutes(30));
        return new Burst(ids, answered, ended.lastFinished(), ended.reads());
    }

    private static Map<String, Double> cpu(Map<String, Long> pids) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
        return seconds;
    }

    /** The collapsed stacks' file of a profiled process. */
    private static String stacksFile(String process) {
        return process.replace(' ', '-') + ".collapsed";
    }


    /** Sum of the workers' run durations so far (their Prometheus timer). */
    private static double workerRunSeconds(LocalStack stack, int workers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        double total = 0;
        for (int i = 1; i <= workers; i++) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + stack.worker(i).httpPort() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : metrics.split("\n")) {
                if (line.startsWith(RUN_SUM)) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    /** The transactions that wrote these jobs' {@code job_events} rows (their distinct {@code xmin}). */
    private static long eventTransactions(LocalStack stack, List<String> ids) throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.databaseUrl());
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(DISTINCT xmin::text) FROM job_events WHERE job_id = ANY(?)")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Job events the api stored for these jobs, per type, divided by the number of jobs. */
    private static Map<String, Double> eventsPerJob(LocalStack stack, List<String> ids) throws SQLException {
        Map<String, Double> perJob = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(stack.databaseUrl());
             PreparedStatement query = db.prepareStatement("SELECT type, count(*) FROM job_events "
                     + "WHERE job_id = ANY(?) GROUP BY type ORDER BY type")) {
            Array jobIds = db.createArrayOf("text", ids.toArray());
            query.setArray(1, jobIds);
            long total = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    perJob.put(rows.getString(1), rows.getLong(2) / (double) ids.size());
                    total += rows.getLong(2);
                }
            }
            perJob.put("all", total / (double) ids.size());
        }
        return perJob;
    }
}
