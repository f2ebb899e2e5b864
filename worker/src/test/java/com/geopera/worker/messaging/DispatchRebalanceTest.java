package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.id.Ids;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.ControlCommand;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.messaging.Topics;
import com.geopera.worker.service.DispatchPartitions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A second member joins the workers' consumer group while this worker (2 slots) runs two long jobs and holds a
 * third record waiting for a slot: every dispatched attempt must be started by exactly one of the two. The second
 * member is a plain consumer of the clip topic that "starts" whatever it receives (and commits it), as another
 * worker would; since it subscribes to the clip topic only and this worker to all five queues, the cooperative
 * sticky assignor moves all clip partitions to it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchRebalanceTest {
    private static final String LUX_AOI = """
            {"type":"Polygon","coordinates":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}""";
    private static final String WIDE_AOI = """
            {"type":"Polygon","coordinates":[[[5.75,49.45],[6.52,49.45],[6.52,50.18],[5.75,50.18],[5.75,49.45]]]}""";
    private static final int SMALL_JOBS = 4;

    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "mp.messaging.incoming.dispatch.group.id")
    String workersGroup;
    @Inject
    DispatchPartitions partitions;
    @Inject
    MeterRegistry meters;

    private Topics topics;
    private KafkaProducer<String, String> producer;
    private TopicProbe events;

    @BeforeAll
    void connect() {
        topics = new Topics(prefix);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        events = new TopicProbe(bootstrap, topics.events());
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        producer.close();
        events.close();
    }

    @Test
    void a_member_joining_while_jobs_run_and_one_waits_for_a_slot_gets_no_attempt_this_worker_started()
            throws Exception {
        DispatchJob long1 = clip("file:" + SyntheticRaster.FILE_NAME, WIDE_AOI);
        DispatchJob long2 = clip("file:" + SyntheticRaster.FILE_NAME, WIDE_AOI);
        List<DispatchJob> small = new ArrayList<>();
        for (int i = 0; i < SMALL_JOBS; i++) {
            small.add(clip("file:elev.tif", LUX_AOI));
        }
        Set<String> all = new HashSet<>(List.of(attempt(long1), attempt(long2)));
        small.forEach(job -> all.add(attempt(job)));

        dispatch(long1);
        dispatch(long2);
        awaitEvent(long1.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));
        awaitEvent(long2.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));
        for (DispatchJob job : small) {
            dispatch(job);
        }
        await("a record waiting for a slot").atMost(Duration.ofSeconds(30)).until(() -> partitions.waiting() == 1);
        assertThat(startedHere(all)).as("both slots are busy with the long jobs").hasSize(2);
        double revokedBefore = revokedCount();

        List<String> startedThere;
        try (OtherWorker other = new OtherWorker(bootstrap, workersGroup, topics.dispatch("clip"))) {
            await("the clip partitions move to the other member").atMost(Duration.ofSeconds(60))
                    .until(() -> other.assignment().size() == KafkaTestResource.DISPATCH_PARTITIONS);
            await("the small jobs reach the other member").atMost(Duration.ofSeconds(30))
                    .until(() -> other.started().size() >= SMALL_JOBS);

            // Free this worker's slots: a record it still held would start now.
            cancel(long1);
            cancel(long2);
            Thread.sleep(3000);
            startedThere = List.copyOf(other.started());
        }

        List<String> startedHere = startedHere(all);
        assertThat(startedHere).as("started here, once each").containsExactlyInAnyOrder(attempt(long1),
                attempt(long2));
        assertThat(startedThere).as("started by the other member, once each").containsExactlyInAnyOrderElementsOf(
                small.stream().map(DispatchRebalanceTest::attempt).toList());
        Set<String> union = new HashSet<>(startedHere);
        union.addAll(startedThere);
        assertThat(union).as("every attempt started somewhere").isEqualTo(all);
        assertThat(revokedCount() - revokedBefore).as("the record waiting for a slot was handed over")
                .isGreaterThanOrEqualTo(1);
    }

    /** STARTED events of these attempts sent by this worker. */
    private List<String> startedHere(Set<String> attempts) {
        return events.records(r -> true).stream().map(r -> read(r.value()))
                .filter(e -> e.type() == JobEventType.STARTED).map(e -> e.jobId() + "#" + e.attempt())
                .filter(attempts::contains).toList();
    }

    private double revokedCount() {
        return meters.get("geopera.worker.dispatch.revoked").counter().count();
    }

    private static String attempt(DispatchJob job) {
        return job.jobId() + "#" + job.attempt();
    }

    private static DispatchJob clip(String image, String aoi) throws Exception {
        JsonNode inputs = Json.mapper().readTree("{\"image\":\"" + image + "\",\"aoi\":" + aoi + "}");
        return new DispatchJob(DispatchJob.SCHEMA_VERSION, Ids.next("cmd"), Ids.next("job"), 1, "org_test", "clip",
                null, "clip", inputs, 100, Instant.now());
    }

    private void dispatch(DispatchJob job) throws Exception {
        producer.send(new ProducerRecord<>(topics.dispatch(job.queue()), job.jobId(),
                Json.mapper().writeValueAsString(job))).get();
    }

    private void cancel(DispatchJob job) {
        ControlCommand cancel = new ControlCommand(ControlCommand.SCHEMA_VERSION, Ids.next("cmd"),
                ControlCommand.Type.CANCEL, job.jobId(), Instant.now());
        // The control consumer starts at the latest offset; repeat the (idempotent) signal until it is seen.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            producer.send(new ProducerRecord<>(topics.control(), job.jobId(),
                    Json.mapper().writeValueAsString(cancel))).get();
            return eventsOf(job.jobId()).stream().anyMatch(e -> e.type() == JobEventType.CANCELLED);
        });
    }

    private List<JobEvent> eventsOf(String jobId) {
        return events.records(record -> jobId.equals(record.key())).stream().map(r -> read(r.value())).toList();
    }

    private void awaitEvent(String jobId, JobEventType type, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> eventsOf(jobId).stream().anyMatch(e -> e.type() == type));
    }

    private static JobEvent read(String json) {
        try {
            return Json.mapper().readValue(json, JobEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another member of the workers' group: "starts" every dispatch it receives and commits it at once. */
    private static final class OtherWorker implements AutoCloseable {
        private final List<String> started = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile Set<TopicPartition> assignment = Set.of();
        private volatile boolean running = true;

        OtherWorker(String bootstrap, String group, String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(topic));
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            DispatchJob job = Json.mapper().readValue(record.value(), DispatchJob.class);
                            started.add(job.jobId() + "#" + job.attempt());
                            consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                    new OffsetAndMetadata(record.offset() + 1)));
                        }
                        assignment = Set.copyOf(consumer.assignment());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "other-worker");
            thread.setDaemon(true);
            thread.start();
        }

        Set<TopicPartition> assignment() {
            return assignment;
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
}
