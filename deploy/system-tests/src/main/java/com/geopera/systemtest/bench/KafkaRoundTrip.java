package com.geopera.systemtest.bench;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare broker baseline: one record produced (acks=all, idempotent, linger 0 — as the api's outbox producer)
 * until a consumer has it, in ms. The consumer is set up like the worker's dispatch consumer (a member of its own
 * group, max.poll.records=1, default fetch.min.bytes / fetch.max.wait.ms, a poll loop with a 50 ms timeout
 * running all the time on its own thread), so that both sides of the comparison pay the same consumer costs.
 * One sample at a time, whenever the caller asks for one: the benchmark takes them between the quiet jobs, so the
 * baseline and the job path are measured at the same moments, on the same machine load.
 */
final class KafkaRoundTrip implements AutoCloseable {
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final ConcurrentHashMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private final Thread poller;
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private volatile boolean running = true;
    private long sequence;

    KafkaRoundTrip(String bootstrap, String topic) throws Exception {
        this.topic = topic;
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-rtt-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer());
        poller = new Thread(() -> {
            try (consumer) {
                consumer.subscribe(List.of(topic));
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                        long now = System.nanoTime();
                        CompletableFuture<Long> sample = waiting.remove(record.value());
                        if (sample != null) {
                            sample.complete(now);
                        }
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.complete(null);
                    }
                }
            }
        }, "bench-rtt-consumer");
        poller.setDaemon(true);
        poller.start();
        assigned.get(60, TimeUnit.SECONDS);
    }

    /** One round trip in ms. */
    double sample() throws Exception {
        String value = Long.toString(sequence++);
        CompletableFuture<Long> received = new CompletableFuture<>();
        waiting.put(value, received);
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", value));
        return (received.get(30, TimeUnit.SECONDS) - start) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        producer.close(Duration.ofSeconds(5));
    }
}
