package com.geopera.api.messaging;

import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Settings of the Kafka clients the api builds itself (the outbox producer and the topic admin). */
public final class KafkaClients {
    private static final int MAX_BLOCK_MS = 5_000;
    private static final int REQUEST_TIMEOUT_MS = 5_000;
    private static final int DELIVERY_TIMEOUT_MS = 12_000;
    /**
     * The largest request the outbox producer sends (Kafka's default, stated so the inputs cap can be checked against
     * it, see OutboxRelay): a record over it is refused by the producer and parked by the relay.
     */
    public static final int MAX_REQUEST_BYTES = 1_048_576;

    private KafkaClients() {
    }

    /** An idempotent producer that waits for all in-sync replicas; blocks at most a few seconds on a dead broker. */
    public static Producer<String, String> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        // No batching delay: a dispatch goes out as soon as the relay sends it (linger.ms=1 added up to 1 ms to
        // every job's dispatch latency). A relay round sends its whole batch before waiting for the acks, so records
        // still share requests under load. Durability is unchanged: acks=all, idempotent.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "geopera-api-outbox");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    public static Properties admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "geopera-api-admin");
        return p;
    }
}
