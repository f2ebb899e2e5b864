package com.geopera.worker.messaging;

import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.Topics;
import com.geopera.worker.config.TopicsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes a dispatch record this worker can never run to {@code <topic>.dlq}: same key, value and headers, plus
 * {@code dead-letter-reason} and where it came from. The stage completes once all in-sync replicas have it.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    static final String ORIGIN_TOPIC = "dead-letter-topic";
    static final String ORIGIN_PARTITION = "dead-letter-partition";
    static final String ORIGIN_OFFSET = "dead-letter-offset";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, String> producer;
    private final Topics topics;

    public DeadLetterPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                               TopicsConfig topicsConfig) {
        this.topics = topicsConfig.topics();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends the record with its reason ({@code <code>: <detail>}); the stage fails when the broker refuses it. */
    public CompletionStage<Void> publish(ConsumerRecord<String, String> record, String reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(topics.deadLetter(record.topic()), null,
                record.key(), record.value(), record.headers());
        dead.headers().add(CloudEventHeaders.DEAD_LETTER_REASON, utf8(reason));
        dead.headers().add(ORIGIN_TOPIC, utf8(record.topic()));
        dead.headers().add(ORIGIN_PARTITION, utf8(Integer.toString(record.partition())));
        dead.headers().add(ORIGIN_OFFSET, utf8(Long.toString(record.offset())));
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(dead, (metadata, failure) -> {
                if (failure == null) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(failure);
                }
            });
        } catch (KafkaException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
