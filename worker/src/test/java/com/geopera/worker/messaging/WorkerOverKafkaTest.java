package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.id.Ids;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.ControlCommand;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.messaging.Topics;
import com.geopera.common.process.JobOutput;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The worker app against the real test broker, real GDAL and real rasters: dispatch in, events out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerOverKafkaTest {
    /** A polygon well inside Luxembourg (and inside elev.tif). */
    private static final String LUX_AOI = """
            {"type":"Polygon","coordinates":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}""";
    /** Nearly all of the synthetic raster, so that clipping it takes many seconds. */
    private static final String WIDE_AOI = """
            {"type":"Polygon","coordinates":[[[5.75,49.45],[6.52,49.45],[6.52,50.18],[5.75,50.18],[5.75,49.45]]]}""";

    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "geopera.storage.root")
    Path storageRoot;
    @Inject
    com.geopera.worker.config.WorkerConfig workerConfig;

    private Topics topics;
    private KafkaProducer<String, String> producer;
    private TopicProbe events;
    private TopicProbe deadLetters;

    @BeforeAll
    void connect() {
        topics = new Topics(prefix);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        events = new TopicProbe(bootstrap, topics.events());
        deadLetters = new TopicProbe(bootstrap, topics.deadLetter(topics.dispatch("clip")));
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        producer.close();
        events.close();
        deadLetters.close();
    }

    private DispatchJob clip(String image) throws Exception {
        return clip(image, LUX_AOI);
    }

    private DispatchJob clip(String image, String aoi) throws Exception {
        JsonNode inputs = Json.mapper().readTree("{\"image\":\"" + image + "\",\"aoi\":" + aoi + "}");
        return new DispatchJob(DispatchJob.SCHEMA_VERSION, Ids.next("cmd"), Ids.next("job"), 1, "org_test", "clip",
                null, "clip", inputs, 100, Instant.now());
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private void dispatch(DispatchJob job) throws Exception {
        send(topics.dispatch(job.queue()), job.jobId(), Json.mapper().writeValueAsString(job));
    }

    private List<JobEvent> eventsOf(String jobId) {
        return events.records(record -> jobId.equals(record.key())).stream()
                .map(record -> read(record.value())).toList();
    }

    private static JobEvent read(String json) {
        try {
            return Json.mapper().readValue(json, JobEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JobEvent awaitEvent(String jobId, JobEventType type, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> eventsOf(jobId).stream().anyMatch(e -> e.type() == type));
        return eventsOf(jobId).stream().filter(e -> e.type() == type).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_dispatched_clip_job_reports_started_then_completed_with_its_output_on_disk() throws Exception {
        DispatchJob job = clip("file:elev.tif");
        dispatch(job);

        JobEvent completed = awaitEvent(job.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        List<JobEvent> all = eventsOf(job.jobId());
        assertThat(all.get(0).type()).isEqualTo(JobEventType.STARTED);
        assertThat(all.get(all.size() - 1).type()).isEqualTo(JobEventType.COMPLETED);
        assertThat(all).allSatisfy(event -> {
            assertThat(event.attempt()).isEqualTo(1);
            assertThat(event.workerId()).isEqualTo(workerConfig.id());
        });
        assertThat(completed.outputs()).isNotEmpty();
        assertThat(completed.usage()).isNotNull();
        Path attemptDir = storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1");
        for (JobOutput output : completed.outputs()) {
            Path file = Path.of(URI.create(output.href()));
            assertThat(file).startsWith(attemptDir).isRegularFile();
            assertThat(Files.size(file)).isEqualTo(output.sizeBytes()).isPositive();
        }
        ConsumerRecord<String, String> record = events.records(r -> job.jobId().equals(r.key())).get(0);
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_EVENT);
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(all.get(0).eventId());
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void a_job_whose_input_cannot_be_read_fails_with_a_code_and_no_outputs() throws Exception {
        DispatchJob job = clip("file:does-not-exist.tif");
        dispatch(job);

        JobEvent failed = awaitEvent(job.jobId(), JobEventType.FAILED, Duration.ofSeconds(60));

        assertThat(failed.error().code()).isNotBlank();
        assertThat(failed.error().message()).isNotBlank();
        assertThat(eventsOf(job.jobId())).noneMatch(e -> e.type() == JobEventType.COMPLETED);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void a_cancel_on_the_control_topic_aborts_a_long_running_job_within_seconds() throws Exception {
        DispatchJob job = clip("file:" + SyntheticRaster.FILE_NAME, WIDE_AOI);
        dispatch(job);
        awaitEvent(job.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));

        ControlCommand cancel = new ControlCommand(ControlCommand.SCHEMA_VERSION, Ids.next("cmd"),
                ControlCommand.Type.CANCEL, job.jobId(), Instant.now());
        Instant sentAt = Instant.now();
        // The control consumer starts at the latest offset; repeat the (idempotent) signal until it is seen.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            send(topics.control(), job.jobId(), Json.mapper().writeValueAsString(cancel));
            return eventsOf(job.jobId()).stream().anyMatch(e -> e.type().equals(JobEventType.CANCELLED));
        });

        assertThat(Duration.between(sentAt, Instant.now())).isLessThan(Duration.ofSeconds(15));
        List<JobEventType> types = eventsOf(job.jobId()).stream().map(JobEvent::type).toList();
        assertThat(types).contains(JobEventType.PROGRESS, JobEventType.HEARTBEAT)
                .doesNotContain(JobEventType.COMPLETED, JobEventType.FAILED)
                .last().isEqualTo(JobEventType.CANCELLED);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_with_a_reason_and_consumption_goes_on() throws Exception {
        String clipTopic = topics.dispatch("clip");
        send(clipTopic, "garbage-1", "this is not json");
        DispatchJob unknown = clip("file:elev.tif");
        String unknownJson = Json.mapper().writeValueAsString(unknown).replace("\"process_id\":\"clip\"",
                "\"process_id\":\"no-such-process\"");
        send(clipTopic, unknown.jobId(), unknownJson);
        String oldSchema = Json.mapper().writeValueAsString(clip("file:elev.tif"))
                .replace("\"schema_version\":1", "\"schema_version\":99");
        send(clipTopic, "old-schema", oldSchema);
        DispatchJob good = clip("file:elev.tif");
        dispatch(good);

        awaitEvent(good.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records(r -> true).size() >= 3);

        assertThat(reasonOf("garbage-1")).startsWith("unparseable");
        assertThat(reasonOf(unknown.jobId())).startsWith("unknown_process");
        assertThat(reasonOf("old-schema")).startsWith("unsupported_schema_version");
        assertThat(eventsOf(unknown.jobId())).isEmpty();
    }

    @Test
    void health_is_up_with_kafka_and_metrics_count_jobs() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("geopera_worker_jobs_running", "geopera_worker_jobs_completed");
    }

    private String reasonOf(String key) {
        return deadLetters.records(r -> key.equals(r.key())).stream()
                .map(r -> header(r, CloudEventHeaders.DEAD_LETTER_REASON)).findFirst().orElse("<none>");
    }
}
