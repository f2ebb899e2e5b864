package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.systemtest.ApiClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end benchmark of the packaged system on this machine, for 1, 2 and 3 workers:
 * <ol>
 *   <li>bare Kafka round trip (produce with acks=all → consumed), one record at a time;</li>
 *   <li>dispatch latency on a quiet stack: execute accepted (HTTP 201 received) → STARTED (worker's
 *       {@code occurred_at}), jobs sent one by one, 100 ms apart;</li>
 *   <li>a burst of N small clip jobs (elev.tif, a 0.2°×0.2° AOI) from several client threads: jobs/s from the
 *       first execute to the last COMPLETED, and accepted → STARTED under that load (mostly queueing);</li>
 *   <li>worker RSS when idle (after warm-up) and its peak during the burst.</li>
 * </ol>
 * Usage: {@code deploy/system-tests/bench/run [--workers 1,2,3] [--jobs 1000] [--quiet-jobs 100] [--threads 8]}.
 */
public final class EndToEndBenchmark {
    private static final String AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";
    private static final int RTT_SAMPLES = 200;

    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, Instant> ended = new ConcurrentHashMap<>();
    private final Map<String, String> endType = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        List<Integer> workerCounts = List.of(1, 2, 3);
        int jobs = 1000;
        int quietJobs = 100;
        int threads = 8;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--workers" -> workerCounts = java.util.Arrays.stream(args[i + 1].split(","))
                        .map(Integer::parseInt).toList();
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--quiet-jobs" -> quietJobs = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int workers : workerCounts) {
            rows.add(new EndToEndBenchmark().run(workers, jobs, quietJobs, threads));
            System.out.println(rows.get(rows.size() - 1));
        }
        String table = "| workers | burst jobs | jobs/s | submit jobs/s | Kafka RTT p50 / p99 ms | quiet accepted→running "
                + "p50 / p99 ms | ratio p50 / p99 | burst accepted→running p50 / p99 ms | worker RSS idle / peak MiB |"
                + "\n|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        Path out = Path.of(System.getProperty("geopera.repo.root", "."))
                .resolve("deploy/system-tests/target/bench-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Instant.now() + "\n" + table, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.exit(0);
    }

    private String run(int workers, int jobs, int quietJobs, int threads) throws Exception {
        System.out.printf("== %d worker(s): starting the stack%n", workers);
        try (LocalStack stack = LocalStack.start(StackOptions.workers(workers).withCredits(1_000_000_000L))) {
            Thread events = followEvents(stack);
            ApiClient client = stack.client();

            List<Double> rtt = KafkaRoundTrip.measure(stack.kafkaBootstrap(), stack.topics().prefix() + ".bench.rtt",
                    RTT_SAMPLES);

            // Warm-up (GDAL's first run in each worker JVM costs ~1 s), then quiet dispatch latency.
            Map<String, Instant> warmUp = new ConcurrentHashMap<>();
            for (int i = 0; i < workers * 4; i++) {
                warmUp.put(execute(client, stack), Instant.now());
            }
            awaitEnded(warmUp.keySet(), Duration.ofMinutes(5));
            Map<String, Instant> quietAccepted = new ConcurrentHashMap<>();
            for (int i = 0; i < quietJobs; i++) {
                String id = execute(client, stack);
                quietAccepted.put(id, Instant.now());
                Thread.sleep(100);
            }
            awaitEnded(quietAccepted.keySet(), Duration.ofMinutes(5));
            List<Double> quiet = latencies(quietAccepted);

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
            List<Double> burst = latencies(burstAccepted);
            events.interrupt();
            double rtt50 = Percentiles.of(rtt, 50);
            double rtt99 = Percentiles.of(rtt, 99);
            double q50 = Percentiles.of(quiet, 50);
            double q99 = Percentiles.of(quiet, 99);
            return String.format("| %d | %d (%d not completed) | %.1f | %.1f | %.1f / %.1f | %.0f / %.0f | %.1f× / %.1f× "
                            + "| %.0f / %.0f | %d / %d |", workers, jobs, failures, jobs / seconds,
                    jobs / submitSeconds, rtt50, rtt99, q50, q99, q50 / rtt50, q99 / rtt99,
                    Percentiles.of(burst, 50), Percentiles.of(burst, 99), idleKib / 1024, peakKib / 1024);
        }
    }

    private static String execute(ApiClient client, LocalStack stack) {
        try {
            JsonNode job = client.ok("processing.execute", Map.of("process_id", "clip",
                    "workspaceId", stack.workspaceId(), "project_id", stack.projectId(),
                    "inputs", Map.of("image", "file:elev.tif", "aoi", Json.mapper().readTree(AOI))));
            return job.path("job_id").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Double> latencies(Map<String, Instant> accepted) {
        List<Double> millis = new ArrayList<>();
        accepted.forEach((id, at) -> {
            Instant start = started.get(id);
            if (start != null) {
                millis.add(Duration.between(at, start).toNanos() / 1e6);
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

    private Thread followEvents(LocalStack stack) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        String topic = stack.topics().events();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (!Thread.currentThread().isInterrupted()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
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
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopping
            }
        }, "bench-events");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
