package com.geopera.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Every worker event of a stack's run, read from the events topic from its beginning in the background. */
final class EventLog implements AutoCloseable {
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    EventLog(LocalStack stack) {
        KafkaConsumer<String, String> consumer = WholeTopic.consumer(stack.kafkaBootstrap(), stack.topics().events(),
                Map.of());
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        try {
                            events.add(Json.mapper().readTree(record.value()));
                        } catch (Exception e) {
                            // not an event; the api dead-letters those
                        }
                    });
                }
            }
        }, "event-log");
        reader.setDaemon(true);
        reader.start();
    }

    List<JsonNode> of(String jobId) {
        return events.stream().filter(e -> jobId.equals(e.path("job_id").asText())).toList();
    }

    long count(String jobId, String type) {
        return of(jobId).stream().filter(e -> type.equals(e.path("type").asText())).count();
    }

    /** Completed events per job id over the whole run. */
    Map<String, Long> completedPerJob() {
        return events.stream().filter(e -> "COMPLETED".equals(e.path("type").asText()))
                .collect(java.util.stream.Collectors.groupingBy(e -> e.path("job_id").asText(),
                        java.util.stream.Collectors.counting()));
    }

    Instant lastSeenAt(String jobId, String type) {
        return of(jobId).stream().filter(e -> type.equals(e.path("type").asText()))
                .map(e -> Instant.parse(e.path("occurred_at").asText())).max(Instant::compareTo).orElseThrow();
    }

    void awaitEvent(String jobId, String type, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> count(jobId, type) > 0);
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
