package com.geopera.worker.messaging;

import com.geopera.common.json.Json;
import com.geopera.common.messaging.DispatchJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Another member of the dispatch share group, as another worker would be: "starts" every dispatch it gets, accepts it. */
final class OtherShareMember implements AutoCloseable {
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final String clientId = "other-member-" + java.util.UUID.randomUUID();

    OtherShareMember(String bootstrap, String group, String topic) {
        KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<String, String> record : records) {
                        DispatchJob job = Json.mapper().readValue(record.value(), DispatchJob.class);
                        started.add(job.jobId() + "#" + job.attempt());
                        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "other-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** The client id this member joins with (how the group's description names it). */
    String clientId() {
        return clientId;
    }

    List<String> started() {
        return started;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }
}
