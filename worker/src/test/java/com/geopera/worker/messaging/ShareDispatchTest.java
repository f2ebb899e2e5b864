package com.geopera.worker.messaging;

import static com.geopera.worker.messaging.KafkaJobs.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * This worker (2 slots) shares the dispatch share group with a second member made in the test, a plain share
 * consumer of the clip topic that "starts" whatever it gets, as another worker would. The dispatch topics have
 * {@value KafkaTestResource#DISPATCH_PARTITIONS} partitions, as a deployment's older topics may: while both slots of
 * this worker are busy, it is no member of the group: the records go to the other member at once, and it takes work again when
 * a slot frees. A member that takes a record and then stops polling (a hung or killed worker) loses nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShareDispatchTest {
    private static final int SMALL_JOBS = 4;
    /** How long the test's member may go without polling before it leaves the group by itself. */
    private static final Duration STUCK_MEMBER_POLL_INTERVAL = Duration.ofSeconds(5);

    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DispatchShareGroup group;

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
    void a_worker_with_every_slot_busy_leaves_its_records_to_another_member_and_takes_work_again_when_a_slot_frees()
            throws Exception {
        DispatchJob long1 = jobs.startLongJob();
        DispatchJob long2 = jobs.startLongJob();
        await("this worker left the share group").atMost(Duration.ofSeconds(10))
                .until(() -> group.assignedPartitions().isEmpty());
        List<DispatchJob> small = new ArrayList<>();
        for (int i = 0; i < SMALL_JOBS; i++) {
            small.add(KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI));
        }

        List<String> startedThere;
        try (OtherShareMember other = new OtherShareMember(bootstrap, group.group(), jobs.topics().dispatch("clip"))) {
            jobs.awaitAssigned(other.clientId(), jobs.topics().dispatch("clip"), Duration.ofSeconds(30));
            for (DispatchJob job : small) {
                jobs.dispatch(job);
            }
            await("the small jobs reach the other member while this worker is busy").atMost(Duration.ofSeconds(20))
                    .until(() -> other.started().size() >= SMALL_JOBS);
            startedThere = List.copyOf(other.started());
            assertThat(jobs.ended(long1) || jobs.ended(long2))
                    .as("both long jobs still held this worker's slots when the small jobs were taken").isFalse();
        }
        assertThat(startedThere).as("started by the other member, once each")
                .containsExactlyInAnyOrderElementsOf(small.stream().map(KafkaJobs::attempt).toList());

        jobs.endLongJob(long1);
        jobs.endLongJob(long2);
        DispatchJob after = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI);
        jobs.dispatch(after);
        jobs.awaitEvent(after.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        List<String> all = new ArrayList<>(List.of(attempt(long1), attempt(long2), attempt(after)));
        small.forEach(job -> all.add(attempt(job)));
        assertThat(jobs.startedOf(all)).as("started here, once each")
                .containsExactlyInAnyOrder(attempt(long1), attempt(long2), attempt(after));
    }

    @Test
    void a_record_taken_by_a_member_that_stops_polling_runs_here_once_that_member_is_gone() throws Exception {
        DispatchJob long1 = jobs.startLongJob();
        DispatchJob long2 = jobs.startLongJob();
        await("this worker left the share group").atMost(Duration.ofSeconds(10))
                .until(() -> group.assignedPartitions().isEmpty());
        DispatchJob victim = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI);

        try (KafkaShareConsumer<String, String> stuck = new KafkaShareConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group.group(),
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) STUCK_MEMBER_POLL_INTERVAL.toMillis()),
                new StringDeserializer(), new StringDeserializer())) {
            stuck.subscribe(List.of(jobs.topics().dispatch("clip")));
            jobs.dispatch(victim);
            List<String> taken = new ArrayList<>();
            await("the other member takes the record").atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : stuck.poll(Duration.ofMillis(200))) {
                    taken.add(record.key());
                }
                return !taken.isEmpty();
            });
            assertThat(taken).containsExactly(victim.jobId());

            // The member holds the record and polls no more; this worker's slots free up.
            jobs.endLongJob(long1);
            jobs.endLongJob(long2);
            jobs.awaitEvent(victim.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(90));
        }

        assertThat(jobs.startedOf(List.of(attempt(victim)))).as("the record ran here once").hasSize(1);
    }
}
