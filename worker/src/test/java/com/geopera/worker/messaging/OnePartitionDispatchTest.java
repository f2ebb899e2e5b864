package com.geopera.worker.messaging;

import static com.geopera.worker.messaging.KafkaJobs.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.json.Json;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A worker of a clip pool (it serves one queue) on dispatch topics of one partition, as the api creates them: the
 * share group gives that partition to every member, so this worker (2 slots) stays in the group while both its slots
 * are busy, and acquires nothing then: another member takes every record at once, with no hand-over.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = {@ResourceArg(name = KafkaTestResource.DISPATCH_PARTITIONS_ARG, value = "1"),
                @ResourceArg(name = KafkaTestResource.WORKER_QUEUES_ARG, value = "clip")})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePartitionDispatchTest {
    private static final int SMALL_JOBS = 4;

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
    void a_worker_with_every_slot_busy_stays_a_member_while_another_member_takes_each_record_of_the_partition()
            throws Exception {
        String topic = jobs.topics().dispatch("clip");
        TopicPartition partition = new TopicPartition(topic, 0);
        DispatchJob long1 = jobs.startLongJob();
        DispatchJob long2 = jobs.startLongJob();

        List<DispatchJob> small = new ArrayList<>();
        List<String> startedThere;
        try (OtherShareMember other = new OtherShareMember(bootstrap, group.group(), topic)) {
            await("the busy worker is still assigned the partition").atMost(Duration.ofSeconds(10))
                    .during(Duration.ofSeconds(3))
                    .until(() -> group.assignedPartitions().contains(partition));
            jobs.awaitAssigned(other.clientId(), topic, Duration.ofSeconds(30));
            for (int i = 0; i < SMALL_JOBS; i++) {
                small.add(KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI));
                jobs.dispatch(small.get(i));
            }
            await("the other member starts the small jobs").atMost(Duration.ofSeconds(20))
                    .until(() -> other.started().size() >= SMALL_JOBS);
            startedThere = List.copyOf(other.started());
            assertThat(group.assignedPartitions()).as("this worker never left the group").contains(partition);
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
        assertThat(jobs.startedOf(all)).as("started here, once each: none of the small jobs")
                .containsExactlyInAnyOrder(attempt(long1), attempt(long2), attempt(after));
    }

    @Test
    void a_dispatch_record_larger_than_one_share_fetch_still_reaches_the_worker_and_runs() throws Exception {
        DispatchJob job = KafkaJobs.clip("file:elev.tif", circle(6.1, 49.7, 0.08, 6_000));
        int size = Json.mapper().writeValueAsBytes(job).length;
        assertThat(size).as("the record's size").isGreaterThan(DispatchConsumer.FETCH_MAX_BYTES);

        jobs.dispatch(job);

        assertThat(jobs.awaitEvent(job.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60)).type())
                .isEqualTo(JobEventType.COMPLETED);
        assertThat(jobs.startedOf(List.of(attempt(job)))).as("started here once").hasSize(1);
    }

    /** A GeoJSON polygon of {@code vertices} points on a circle, written with full precision: a large AOI. */
    private static String circle(double lon, double lat, double radius, int vertices) {
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i <= vertices; i++) {
            double angle = 2 * Math.PI * (i % vertices) / vertices;
            ring.append(i == 0 ? "" : ",").append('[').append(lon + radius * Math.cos(angle)).append(',')
                    .append(lat + radius * Math.sin(angle)).append(']');
        }
        return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
    }
}
