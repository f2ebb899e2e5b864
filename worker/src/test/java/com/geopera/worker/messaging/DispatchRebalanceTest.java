package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.json.Json;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEventType;
import com.geopera.worker.service.DispatchPartitions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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

    private KafkaJobs jobs;

    @BeforeAll
    void connect() {
        jobs = new KafkaJobs(bootstrap, prefix);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        jobs.close();
    }

    @Test
    void a_member_joining_while_jobs_run_and_one_waits_for_a_slot_gets_no_attempt_this_worker_started()
            throws Exception {
        DispatchJob long1 = KafkaJobs.clip("file:" + BigLuxRaster.FILE_NAME, KafkaJobs.WIDE_AOI);
        DispatchJob long2 = KafkaJobs.clip("file:" + BigLuxRaster.FILE_NAME, KafkaJobs.WIDE_AOI);
        List<DispatchJob> small = new ArrayList<>();
        for (int i = 0; i < SMALL_JOBS; i++) {
            small.add(KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI));
        }
        Set<String> all = new HashSet<>(List.of(attempt(long1), attempt(long2)));
        small.forEach(job -> all.add(attempt(job)));

        jobs.dispatch(long1);
        jobs.dispatch(long2);
        jobs.awaitEvent(long1.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));
        jobs.awaitEvent(long2.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));
        for (DispatchJob job : small) {
            jobs.dispatch(job);
        }
        await("a record waiting for a slot").atMost(Duration.ofSeconds(30)).until(() -> partitions.waiting() == 1);
        assertThat(startedHere(all)).as("both slots are busy with the long jobs").hasSize(2);
        double revokedBefore = revokedCount();

        List<String> startedThere;
        try (OtherWorker other = new OtherWorker(bootstrap, workersGroup, jobs.topics().dispatch("clip"))) {
            await("the clip partitions move to the other member").atMost(Duration.ofSeconds(60))
                    .until(() -> other.assignment().size() == KafkaTestResource.DISPATCH_PARTITIONS);
            await("the small jobs reach the other member").atMost(Duration.ofSeconds(30))
                    .until(() -> other.started().size() >= SMALL_JOBS);

            // Free this worker's slots: a record it still held would start now.
            jobs.cancel(long1);
            jobs.cancel(long2);
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
        return jobs.events().records(r -> true).stream().map(r -> KafkaJobs.read(r.value()))
                .filter(e -> e.type() == JobEventType.STARTED).map(e -> e.jobId() + "#" + e.attempt())
                .filter(attempts::contains).toList();
    }

    private double revokedCount() {
        return meters.get("geopera.worker.dispatch.revoked").counter().count();
    }

    private static String attempt(DispatchJob job) {
        return job.jobId() + "#" + job.attempt();
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
