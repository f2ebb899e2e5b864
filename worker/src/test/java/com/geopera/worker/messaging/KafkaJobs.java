package com.geopera.worker.messaging;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.id.Ids;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.ControlCommand;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.process.InputPin;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.messaging.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** The tests' side of the worker's topics on the test broker: sends dispatches and cancels, reads the job events. */
final class KafkaJobs implements AutoCloseable {
    /** A polygon well inside Luxembourg (and inside elev.tif). */
    static final String LUX_AOI = """
            {"type":"Polygon","coordinates":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}""";
    /** Nearly all of the synthetic raster, so that clipping it takes many seconds. */
    static final String WIDE_AOI = """
            {"type":"Polygon","coordinates":[[[5.75,49.45],[6.52,49.45],[6.52,50.18],[5.75,50.18],[5.75,49.45]]]}""";

    private final Topics topics;
    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final TopicProbe events;

    KafkaJobs(String bootstrap, String prefix) {
        topics = new Topics(prefix);
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        events = new TopicProbe(bootstrap, topics.events());
    }

    Topics topics() {
        return topics;
    }

    /** Every record of the events topic. */
    TopicProbe events() {
        return events;
    }

    /**
     * Credits these commands hold: far above any test raster's estimate, so only what a test is about decides
     * whether a job runs (the worker refuses an attempt whose own estimate exceeds its hold).
     */
    static final long AMPLE_CREDITS = 1_000_000;

    /** A first attempt of a clip job of {@code image} to {@code aoi}. */
    static DispatchJob clip(String image, String aoi) throws Exception {
        return clip(image, aoi, AMPLE_CREDITS, List.of());
    }

    /** A first attempt of a clip job holding {@code reservedCredits}, with the api's pins of its inputs. */
    static DispatchJob clip(String image, String aoi, long reservedCredits, List<InputPin> pins) throws Exception {
        return new DispatchJob(DispatchJob.SCHEMA_VERSION, Ids.next("cmd"), Ids.next("job"), 1, "org_test", "clip",
                null, "clip", clipInputs(image, aoi), reservedCredits, Instant.now(), pins);
    }

    static JsonNode clipInputs(String image, String aoi) throws Exception {
        return Json.mapper().readTree("{\"image\":\"" + image + "\",\"aoi\":" + aoi + "}");
    }

    void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    void dispatch(DispatchJob job) throws Exception {
        send(topics.dispatch(job.queue()), job.jobId(), Json.mapper().writeValueAsString(job));
    }

    /** Sends a cancel of the job until the worker reports it cancelled. */
    void cancel(DispatchJob job) {
        ControlCommand cancel = new ControlCommand(ControlCommand.SCHEMA_VERSION, Ids.next("cmd"),
                ControlCommand.Type.CANCEL, job.jobId(), Instant.now());
        // The control consumer starts at the latest offset; repeat the (idempotent) signal until it is seen.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            send(topics.control(), job.jobId(), Json.mapper().writeValueAsString(cancel));
            return eventsOf(job.jobId()).stream().anyMatch(e -> e.type() == JobEventType.CANCELLED);
        });
    }

    /**
     * Frees the slot of a job from {@link #startLongJob}: sends its cancel until the worker reports it CANCELLED, or
     * until it COMPLETED on its own (on a loaded machine the control consumer's first assignment, which the cancel
     * needs, can come after a long job's end).
     */
    void endLongJob(DispatchJob job) {
        ControlCommand cancel = new ControlCommand(ControlCommand.SCHEMA_VERSION, Ids.next("cmd"),
                ControlCommand.Type.CANCEL, job.jobId(), Instant.now());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (ended(job)) {
                return true;
            }
            send(topics.control(), job.jobId(), Json.mapper().writeValueAsString(cancel));
            return false;
        });
    }

    /** Whether the worker reported the job CANCELLED, COMPLETED or FAILED. */
    boolean ended(DispatchJob job) {
        return eventsOf(job.jobId()).stream().anyMatch(e -> e.type() == JobEventType.CANCELLED
                || e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED);
    }

    /** Sends a CANCEL of one attempt (the api superseded it) until the worker reports that attempt cancelled. */
    void cancelAttempt(DispatchJob job) {
        ControlCommand cancel = new ControlCommand(ControlCommand.SCHEMA_VERSION, Ids.next("cmd"),
                ControlCommand.Type.CANCEL, job.jobId(), Instant.now(), job.attempt());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            send(topics.control(), job.jobId(), Json.mapper().writeValueAsString(cancel));
            return eventsOf(job.jobId()).stream()
                    .anyMatch(e -> e.type() == JobEventType.CANCELLED && e.attempt() == job.attempt());
        });
    }

    /**
     * Waits until the workers' share group has acknowledged every record of the topic (each was taken or skipped):
     * on every partition with records the group reports no lag (its start offset may trail the last acknowledged
     * records until newer ones come).
     */
    void awaitAllConsumed(String topic, Duration within) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
                String group = topics.prefix() + "-dispatch";
                Map<TopicPartition, SharePartitionOffsetInfo> started = admin.listShareGroupOffsets(
                        Map.of(group, new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(group).get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (started.get(end.getKey()) != null
                        && started.get(end.getKey()).lag().map(lag -> lag == 0).orElse(false)));
            });
        }
    }

    /** Waits until the broker reports the share group's member of this client id assigned a partition of the topic. */
    void awaitAssigned(String clientId, String topic, Duration within) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            String group = topics.prefix() + "-dispatch";
            await("client " + clientId + " assigned " + topic).atMost(within).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> admin.describeShareGroups(List.of(group)).describedGroups().get(group).get()
                            .members().stream().filter(member -> clientId.equals(member.clientId()))
                            .flatMap(member -> member.assignment().topicPartitions().stream())
                            .anyMatch(partition -> partition.topic().equals(topic)));
        }
    }

    List<JobEvent> eventsOf(String jobId) {
        return events.records(record -> jobId.equals(record.key())).stream()
                .map(record -> read(record.value())).toList();
    }

    /** The first event of this type of the job, once it came within {@code within}. */
    JobEvent awaitEvent(String jobId, JobEventType type, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> eventsOf(jobId).stream().anyMatch(e -> e.type() == type));
        return eventsOf(jobId).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    /** Dispatches a clip of most of the big raster and waits until it started: many seconds of GDAL. */
    DispatchJob startLongJob() throws Exception {
        DispatchJob job = clip("file:" + BigLuxRaster.FILE_NAME, WIDE_AOI);
        dispatch(job);
        awaitEvent(job.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));
        return job;
    }

    /** Which of these attempts ({@link #attempt}) were STARTED by the worker under test. */
    List<String> startedOf(List<String> attempts) {
        return events.records(r -> true).stream().map(r -> read(r.value()))
                .filter(e -> e.type() == JobEventType.STARTED).map(e -> e.jobId() + "#" + e.attempt())
                .filter(attempts::contains).toList();
    }

    /** A dispatch's attempt as {@code <job id>#<attempt>}. */
    static String attempt(DispatchJob job) {
        return job.jobId() + "#" + job.attempt();
    }

    static JobEvent read(String json) {
        try {
            return Json.mapper().readValue(json, JobEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        producer.close();
        events.close();
    }
}
