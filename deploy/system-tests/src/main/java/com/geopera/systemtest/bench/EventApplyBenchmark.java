package com.geopera.systemtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.Usage;
import com.geopera.systemtest.OperationClient;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast the packaged api applies worker events, with the events consumer's polls capped at 1 record (one
 * transaction per event, as the api ran until session 4) and at its configured 100 (one transaction per poll).
 * Per poll size: a stack without workers; N jobs executed over HTTP (each holds credits, as in production); then for
 * every job a STARTED and a COMPLETED event are produced to the events topic at once, as fast as the producer
 * goes, and the clock runs until the org has no pending credits left, i.e. every job is succeeded and settled.
 * A warm-up of the same shape runs first on each stack. Prints a Markdown table and appends it to
 * {@code deploy/system-tests/target/bench-results.md}.
 * Usage: {@code EventApplyBenchmark [--jobs 2000] [--warm-up 500] [--polls 1,100]}.
 */
public final class EventApplyBenchmark {
    private static final int SUBMIT_THREADS = 8;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);

    private EventApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 2_000;
        int warmUp = 500;
        List<Integer> polls = List.of(1, 100);
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[i + 1]);
                case "--polls" -> polls = java.util.Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int poll : polls) {
            rows.add(run(poll, jobs, warmUp));
            System.out.println(rows.get(rows.size() - 1));
        }
        String table = "| most events per poll | jobs | events | transactions that applied them (events in the largest) "
                + "| seconds | events/s | jobs settled/s |\n|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        System.out.println(table);
        BenchJobs.appendResults("events", table);
        System.exit(0);
    }

    private static String run(int poll, int jobs, int warmUp) throws Exception {
        System.out.printf("== polls of at most %d event(s): starting the api%n", poll);
        // No worker sends heartbeats here: a long heartbeat timeout keeps the reaper from re-dispatching a job
        // between its STARTED and COMPLETED events while the one-event-per-transaction run works through the backlog.
        StackOptions options = new StackOptions(0, 1, Duration.ofHours(1), 1_000_000_000L,
                Map.of("MP_MESSAGING_INCOMING_JOB_EVENTS_MAX_POLL_RECORDS", String.valueOf(poll)), Map.of());
        try (LocalStack stack = LocalStack.start(options);
             KafkaProducer<String, String> producer = producer(stack)) {
            Executed warmUpJobs = execute(stack, warmUp);
            Executed measuredJobs = execute(stack, jobs);
            long pendingAfterWarmUp = pending(stack) - warmUpJobs.heldCredits();
            System.out.printf("== %d warm-up jobs%n", warmUp);
            publishEvents(stack, producer, warmUpJobs.ids());
            awaitPending(stack, pendingAfterWarmUp);

            System.out.printf("== %d jobs, %d events%n", jobs, 2 * jobs);
            long start = System.nanoTime();
            publishEvents(stack, producer, measuredJobs.ids());
            awaitPending(stack, 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!stack.balance().path("invariants_ok").asBoolean()) {
                throw new IllegalStateException("the ledger's invariants failed after the run");
            }
            return String.format(Locale.ROOT, "| %d | %d | %d | %s | %.1f | %.0f | %.0f |", poll, jobs, 2 * jobs,
                    transactionsThatApplied(stack, measuredJobs.ids()), seconds, 2 * jobs / seconds, jobs / seconds);
        }
    }

    /** The transactions that wrote the jobs' {@code job_events} rows (by xmin), and the most rows one wrote. */
    private static String transactionsThatApplied(LocalStack stack, List<String> jobIds) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.databaseUrl());
             PreparedStatement select = c.prepareStatement("SELECT count(*), max(events) FROM (SELECT xmin::text,"
                     + " count(*) AS events FROM job_events WHERE job_id = ANY(?) GROUP BY xmin::text) AS t")) {
            select.setArray(1, c.createArrayOf("text", jobIds.toArray()));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) + " (largest " + row.getLong(2) + ")";
            }
        }
    }

    private static KafkaProducer<String, String> producer(LocalStack stack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    /** Jobs executed for a run and the credits they hold together. */
    private record Executed(List<String> ids, long heldCredits) {
    }

    /** Executes {@code count} clip jobs from several threads. */
    private static Executed execute(LocalStack stack, int count) throws Exception {
        OperationClient client = stack.client();
        ExecutorService pool = Executors.newFixedThreadPool(SUBMIT_THREADS);
        try {
            List<Future<JsonNode>> submitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                submitted.add(pool.submit(() -> BenchJobs.executeClip(client, stack)));
            }
            List<String> ids = new ArrayList<>();
            long held = 0;
            for (Future<JsonNode> each : submitted) {
                JsonNode job = each.get();
                ids.add(job.path("job_id").asText());
                held += job.path("billing").path("reserved_credits").asLong();
            }
            return new Executed(ids, held);
        } finally {
            pool.shutdown();
        }
    }

    /** A STARTED and a COMPLETED event (no outputs, 1 credit used) for each job, keyed by job id, sent at once. */
    private static void publishEvents(LocalStack stack, KafkaProducer<String, String> producer, List<String> jobIds)
            throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (String jobId : jobIds) {
            for (JobEventType type : List.of(JobEventType.STARTED, JobEventType.COMPLETED)) {
                boolean completed = type == JobEventType.COMPLETED;
                JobEvent event = new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, 1,
                        "bench-worker", Instant.now(), completed ? 100 : null, completed ? List.of() : null,
                        completed ? new Usage(1, Map.of()) : null, null);
                sent.add(producer.send(new ProducerRecord<>(stack.topics().events(), jobId,
                        Json.mapper().writeValueAsString(event))));
            }
        }
        producer.flush();
        for (Future<?> each : sent) {
            each.get();
        }
    }

    private static long pending(LocalStack stack) {
        return stack.balance().path("pending").asLong();
    }

    private static void awaitPending(LocalStack stack, long target) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (pending(stack) > target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("pending credits still above " + target + " after " + SETTLE_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }
}
