package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import com.geopera.systemtest.WholeTopic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * End-to-end benchmark of the packaged system on this machine, for 1, 2 and 3 workers:
 * <ol>
 *   <li>warm-up (GDAL's first run in each worker JVM costs ~1 s), then worker RSS when idle;</li>
 *   <li>a burst of N small clip jobs (elev.tif, a 0.2°×0.2° AOI) from several client threads: jobs/s from the
 *       first execute to the last COMPLETED, accepted → STARTED under that load (mostly queueing), and the peak
 *       worker RSS;</li>
 *   <li>dispatch latency on the quiet, warmed-up stack: execute accepted (HTTP 201 received) → STARTED (worker's
 *       {@code occurred_at}), jobs sent one by one, {@value #QUIET_PERIOD_MS} ms apart; between two jobs, once the
 *       previous one has finished, one sample of the bare Kafka round trip ({@link KafkaRoundTrip}), so that the
 *       baseline and the job path are measured at the same moments and in the same state of the machine. A
 *       consumer of the dispatch topic also notes when each job's command becomes visible on Kafka, which splits
 *       the path into api → Kafka and Kafka → worker (diagnostic);</li>
 *   <li>with the stack stopped, the GDAL-only limit ({@link GdalOnlyLimit}): the same N jobs run by the imagery
 *       engine in this JVM on workers × slots threads, after a warm-up, on the same input root; the stack's jobs/s
 *       divided by it is the "ratio to the limit" (the target: ≥ 0.8 with 2 workers).</li>
 * </ol>
 * Usage: {@code deploy/system-tests/bench/run [--workers 1,2,3] [--jobs 1000] [--quiet-jobs 100] [--threads 8]}.
 */
public final class EndToEndBenchmark {
    /** Round trips taken (and thrown away) before the baseline's samples: connections, metadata, JIT. */
    private static final int RTT_WARM_UP = 300;
    /** Time between two quiet jobs; the round-trip sample sits in the second part, after the job has finished. */
    private static final long QUIET_PERIOD_MS = 150;
    private static final long RTT_SAMPLE_AT_MS = 110;

    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final Map<String, String> endType = new ConcurrentHashMap<>();
    /** When the bench's own consumer of the clip dispatch topic saw each job's command. */
    private final Map<String, Instant> onKafka = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        List<Integer> workerCounts = List.of(1, 2, 3);
        int jobs = 1000;
        int quietJobs = 100;
        int threads = 8;
        String workerQueues = null;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--workers" -> workerCounts = java.util.Arrays.stream(args[i + 1].split(","))
                        .map(Integer::parseInt).toList();
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--quiet-jobs" -> quietJobs = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--worker-queues" -> workerQueues = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int workers : workerCounts) {
            rows.add(new EndToEndBenchmark().run(workers, jobs, quietJobs, threads, workerQueues));
            System.out.println(rows.get(rows.size() - 1));
        }
        String table = "| workers | burst jobs | jobs/s | submit jobs/s | Kafka RTT p50 / p99 ms | quiet accepted→running "
                + "p50 / p99 ms | ratio p50 / p99 | accepted→on Kafka p50 ms | burst accepted→running p50 / p99 ms "
                + "| worker RSS idle / peak MiB | load avg before → after | GDAL-only jobs/s | ratio to the limit "
                + "| GDAL-only CPU ms/job |"
                + "\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        BenchJobs.appendResults("end to end", table);
        System.exit(0);
    }

    private String run(int workers, int jobs, int quietJobs, int threads, String workerQueues) throws Exception {
        System.out.printf("== %d worker(s): starting the stack%n", workers);
        String loadBefore = BenchJobs.loadAverage();
        StackOptions options = BenchJobs.serving(StackOptions.workers(workers).withCredits(1_000_000_000L),
                workerQueues);
        String stackRow;
        double stackJobsPerSecond;
        Path inputRoot;
        Path limitOutputs;
        try (LocalStack stack = LocalStack.start(options)) {
            inputRoot = stack.inputRoot();
            limitOutputs = stack.runDir().resolve("gdal-only");
            Thread events = followEvents(stack);
            Thread dispatches = followDispatches(stack);
            OperationClient client = stack.client();

            // Warm-up: GDAL's first run in each worker JVM costs ~1 s.
            Map<String, Instant> warmUp = new ConcurrentHashMap<>();
            for (int i = 0; i < workers * 4; i++) {
                warmUp.put(execute(client, stack), Instant.now());
            }
            awaitEnded(warmUp.keySet(), Duration.ofMinutes(5));

            List<Long> pids = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                pids.add(stack.worker(i).pid());
            }
            Thread.sleep(2000);
            long idleKib = pids.stream().mapToLong(RssSampler::rssKib).max().orElse(0);

            System.out.printf("== %d worker(s): burst of %d jobs%n", workers, jobs);
            Map<String, Instant> burstAccepted = new ConcurrentHashMap<>();
            long peakKib;
            Instant first = Instant.now();
            Instant lastAccepted;
            try (RssSampler rss = new RssSampler(pids)) {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> submitted = new ArrayList<>();
                for (int i = 0; i < jobs; i++) {
                    submitted.add(pool.submit(() -> burstAccepted.put(execute(client, stack), Instant.now())));
                }
                for (Future<?> f : submitted) {
                    f.get();
                }
                lastAccepted = Instant.now();
                pool.shutdown();
                awaitEnded(burstAccepted.keySet(), Duration.ofMinutes(30));
                peakKib = pids.stream().mapToLong(rss::peakKib).max().orElse(0);
            }
            Instant last = burstAccepted.keySet().stream().map(ended::get).max(Instant::compareTo).orElseThrow();
            long failures = burstAccepted.keySet().stream().filter(id -> !"COMPLETED".equals(endType.get(id)))
                    .count();
            double seconds = Duration.between(first, last).toMillis() / 1000.0;
            double submitSeconds = Duration.between(first, lastAccepted).toMillis() / 1000.0;
            List<Double> burst = latencies(burstAccepted, started);

            System.out.printf("== %d worker(s): quiet dispatch latency and Kafka round trips%n", workers);
            Thread.sleep(2000);
            Map<String, Instant> quietAccepted = new ConcurrentHashMap<>();
            List<Double> rtt = new ArrayList<>();
            try (KafkaRoundTrip roundTrip = new KafkaRoundTrip(stack.kafkaBootstrap(),
                    stack.topics().prefix() + ".bench.rtt")) {
                for (int i = 0; i < RTT_WARM_UP; i++) {
                    roundTrip.sample();
                }
                for (int i = 0; i < quietJobs; i++) {
                    long cycleStart = System.nanoTime();
                    String id = execute(client, stack);
                    quietAccepted.put(id, Instant.now());
                    sleepUntil(cycleStart, RTT_SAMPLE_AT_MS);
                    rtt.add(roundTrip.sample());
                    sleepUntil(cycleStart, QUIET_PERIOD_MS);
                }
            }
            awaitEnded(quietAccepted.keySet(), Duration.ofMinutes(5));
            List<Double> quiet = latencies(quietAccepted, started);
            List<Double> toKafka = latencies(quietAccepted, onKafka);
            events.interrupt();
            dispatches.interrupt();
            double rtt50 = Percentiles.of(rtt, 50);
            double rtt99 = Percentiles.of(rtt, 99);
            double q50 = Percentiles.of(quiet, 50);
            double q99 = Percentiles.of(quiet, 99);
            stackJobsPerSecond = jobs / seconds;
            stackRow = String.format("| %d | %d (%d not completed) | %.1f | %.1f | %.2f / %.2f | %.2f / %.2f "
                            + "| %.1f× / %.1f× | %.2f | %.0f / %.0f | %d / %d | %s → %s |", workers, jobs, failures,
                    stackJobsPerSecond, jobs / submitSeconds, rtt50, rtt99, q50, q99, q50 / rtt50, q99 / rtt99,
                    Percentiles.of(toKafka, 50), Percentiles.of(burst, 50), Percentiles.of(burst, 99),
                    idleKib / 1024, peakKib / 1024, loadBefore, BenchJobs.loadAverage());
        }
        int slots = workers * options.workerMaxConcurrentJobs();
        System.out.printf("== %d worker(s): GDAL-only limit, %d jobs on %d threads%n", workers, jobs, slots);
        GdalOnlyLimit.Measurement limit = new GdalOnlyLimit(inputRoot, limitOutputs).measure(jobs, slots);
        System.out.printf("   %.1f jobs/s, %.1f ms CPU per job%n", limit.jobsPerSecond(), limit.cpuMillisPerJob());
        return stackRow + String.format(" %.1f | %.2f | %.1f |", limit.jobsPerSecond(),
                stackJobsPerSecond / limit.jobsPerSecond(), limit.cpuMillisPerJob());
    }

    private static void sleepUntil(long startNanos, long offsetMillis) throws InterruptedException {
        long left = startNanos + offsetMillis * 1_000_000 - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static String execute(OperationClient client, LocalStack stack) {
        return BenchJobs.executeClip(client, stack).path("job_id").asText();
    }

    private static List<Double> latencies(Map<String, Instant> accepted, Map<String, Instant> reached) {
        List<Double> millis = new ArrayList<>();
        accepted.forEach((id, at) -> {
            Instant then = reached.get(id);
            if (then != null) {
                millis.add(Duration.between(at, then).toNanos() / 1e6);
            }
        });
        return millis;
    }

    private void awaitEnded(java.util.Set<String> ids, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!ended.keySet().containsAll(ids)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException((ids.size() - ids.stream().filter(ended::containsKey).count())
                        + " jobs did not end within " + within);
            }
            Thread.sleep(100);
        }
    }

    /** Notes when each job's dispatch command can be read from Kafka (a consumer set up like the baseline's). */
    private Thread followDispatches(LocalStack stack) {
        return follow(stack, stack.topics().dispatch("clip"), Map.of(), Duration.ofMillis(50), "bench-dispatches",
                record -> {
                    Instant now = Instant.now();
                    if (record.key() != null) {
                        onKafka.putIfAbsent(record.key(), now);
                    }
                });
    }

    private Thread followEvents(LocalStack stack) {
        return follow(stack, stack.topics().events(), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
                Duration.ofMillis(100), "bench-events", record -> {
                    try {
                        JsonNode event = Json.mapper().readTree(record.value());
                        String id = event.path("job_id").asText();
                        String type = event.path("type").asText();
                        Instant at = Instant.parse(event.path("occurred_at").asText());
                        if ("STARTED".equals(type)) {
                            started.putIfAbsent(id, at);
                        } else if (List.of("COMPLETED", "FAILED", "CANCELLED").contains(type)) {
                            ended.putIfAbsent(id, at);
                            endType.putIfAbsent(id, type);
                        }
                    } catch (Exception e) {
                        // not an event
                    }
                });
    }

    /**
     * Hands each record of {@code topic}, from its beginning, to {@code onRecord} on a daemon thread until the thread
     * is interrupted.
     */
    private static Thread follow(LocalStack stack, String topic, Map<String, String> consumerConfig,
                                 Duration pollTimeout, String threadName,
                                 Consumer<ConsumerRecord<String, String>> onRecord) {
        KafkaConsumer<String, String> consumer = WholeTopic.consumer(stack.kafkaBootstrap(), topic, consumerConfig);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(pollTimeout).forEach(onRecord);
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopping
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
