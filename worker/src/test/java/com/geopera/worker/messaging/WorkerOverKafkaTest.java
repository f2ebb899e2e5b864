package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.job.FailureCode;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.InputPin;
import com.geopera.common.process.JobOutput;
import com.geopera.imagery.ImageryEngine;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "geopera.storage.root")
    Path storageRoot;
    @Inject
    com.geopera.worker.config.WorkerConfig workerConfig;
    @Inject
    ImageryEngine engine;

    private KafkaJobs jobs;
    private TopicProbe deadLetters;

    @BeforeAll
    void connect() {
        jobs = new KafkaJobs(bootstrap, prefix);
        deadLetters = new TopicProbe(bootstrap, jobs.topics().deadLetter(jobs.topics().dispatch("clip")));
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        jobs.close();
        deadLetters.close();
    }

    private static DispatchJob clip(String image) throws Exception {
        return KafkaJobs.clip(image, KafkaJobs.LUX_AOI);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_dispatched_clip_job_reports_started_then_completed_with_its_output_on_disk() throws Exception {
        DispatchJob job = clip("file:elev.tif");
        jobs.dispatch(job);

        JobEvent completed = jobs.awaitEvent(job.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        List<JobEvent> all = jobs.eventsOf(job.jobId());
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
        ConsumerRecord<String, String> record = jobs.events().records(r -> job.jobId().equals(r.key())).get(0);
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(CloudEventHeaders.TYPE_EVENT);
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(all.get(0).eventId());
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void a_job_whose_input_cannot_be_read_fails_with_a_code_and_no_outputs() throws Exception {
        DispatchJob job = clip("file:does-not-exist.tif");
        jobs.dispatch(job);

        JobEvent failed = jobs.awaitEvent(job.jobId(), JobEventType.FAILED, Duration.ofSeconds(60));

        assertThat(failed.error().code()).isNotBlank();
        assertThat(failed.error().message()).isNotBlank();
        assertThat(jobs.eventsOf(job.jobId())).noneMatch(e -> e.type() == JobEventType.COMPLETED);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void a_cancel_on_the_control_topic_aborts_a_long_running_job_within_seconds() throws Exception {
        DispatchJob job = KafkaJobs.clip("file:" + BigLuxRaster.FILE_NAME, KafkaJobs.WIDE_AOI);
        jobs.dispatch(job);
        // Mid-run, not merely started: on a loaded machine the pre-run checks can still be going when STARTED is out.
        jobs.awaitEvent(job.jobId(), JobEventType.PROGRESS, Duration.ofSeconds(60));

        Instant sentAt = Instant.now();
        jobs.cancel(job);

        assertThat(Duration.between(sentAt, Instant.now())).isLessThan(Duration.ofSeconds(15));
        List<JobEventType> types = jobs.eventsOf(job.jobId()).stream().map(JobEvent::type).toList();
        assertThat(types).contains(JobEventType.PROGRESS, JobEventType.HEARTBEAT)
                .doesNotContain(JobEventType.COMPLETED, JobEventType.FAILED)
                .last().isEqualTo(JobEventType.CANCELLED);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void a_superseded_attempt_is_cancelled_and_its_late_record_runs_nothing() throws Exception {
        DispatchJob first = KafkaJobs.clip("file:" + BigLuxRaster.FILE_NAME, KafkaJobs.WIDE_AOI);
        jobs.dispatch(first);
        jobs.awaitEvent(first.jobId(), JobEventType.STARTED, Duration.ofSeconds(60));

        // The api redispatched the job: CANCEL of attempt 1 on the control topic, then the record of attempt 2.
        jobs.cancelAttempt(first);
        DispatchJob second = new DispatchJob(first.schemaVersion(), first.commandId() + "-2", first.jobId(), 2,
                first.orgId(), first.processId(), first.processVersion(), first.queue(),
                clip("file:elev.tif").inputs(), first.reservedCredits(), Instant.now());
        jobs.dispatch(second);
        jobs.awaitEvent(first.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        // Attempt 1's record read again (a rebalance re-reads from the committed offset): skipped and committed.
        jobs.dispatch(first);
        jobs.awaitAllConsumed(jobs.topics().dispatch("clip"), Duration.ofSeconds(30));

        List<JobEvent> firstAttempt = jobs.eventsOf(first.jobId()).stream().filter(e -> e.attempt() == 1).toList();
        assertThat(firstAttempt.stream().filter(e -> e.type() == JobEventType.STARTED)).hasSize(1);
        assertThat(firstAttempt).noneMatch(e -> e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED)
                .last().extracting(JobEvent::type).isEqualTo(JobEventType.CANCELLED);
        assertThat(jobs.eventsOf(first.jobId()).stream().filter(e -> e.attempt() == 2).map(JobEvent::type))
                .startsWith(JobEventType.STARTED).endsWith(JobEventType.COMPLETED);
        assertThat(storageRoot.resolve("org_test").resolve(first.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void poison_records_go_to_the_dead_letter_topic_with_a_reason_and_consumption_goes_on() throws Exception {
        String clipTopic = jobs.topics().dispatch("clip");
        jobs.send(clipTopic, "garbage-1", "this is not json");
        DispatchJob unknown = clip("file:elev.tif");
        String unknownJson = Json.mapper().writeValueAsString(unknown).replace("\"process_id\":\"clip\"",
                "\"process_id\":\"no-such-process\"");
        jobs.send(clipTopic, unknown.jobId(), unknownJson);
        String oldSchema = Json.mapper().writeValueAsString(clip("file:elev.tif"))
                .replace("\"schema_version\":1", "\"schema_version\":99");
        jobs.send(clipTopic, "old-schema", oldSchema);
        DispatchJob good = clip("file:elev.tif");
        jobs.dispatch(good);

        jobs.awaitEvent(good.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records(r -> true).size() >= 3);

        assertThat(reasonOf("garbage-1")).startsWith("unparseable");
        assertThat(reasonOf(unknown.jobId())).startsWith("unknown_process");
        assertThat(reasonOf("old-schema")).startsWith("unsupported_schema_version");
        assertThat(jobs.eventsOf(unknown.jobId())).isEmpty();
    }

    @Test
    void an_attempt_whose_input_file_grew_after_the_estimate_fails_with_input_changed_and_is_not_run() throws Exception {
        Path input = inputsDir().resolve("grows-" + System.nanoTime() + ".tif");
        Files.copy(samples().resolve("elev.tif"), input);
        String image = "file:" + input.getFileName();
        List<InputPin> pinnedByApi = engine.pins("clip", KafkaJobs.clipInputs(image, KafkaJobs.LUX_AOI));
        assertThat(pinnedByApi).singleElement().satisfies(pin -> assertThat(pin.sizeBytes()).isEqualTo(Files.size(input)));
        // After the estimate the file is swapped for a bigger one (same name, more bytes).
        Files.write(input, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
        DispatchJob job = KafkaJobs.clip(image, KafkaJobs.LUX_AOI, KafkaJobs.AMPLE_CREDITS, pinnedByApi);
        jobs.dispatch(job);

        JobEvent failed = jobs.awaitEvent(job.jobId(), JobEventType.FAILED, Duration.ofSeconds(60));

        assertThat(failed.error().code()).isEqualTo(FailureCode.INPUT_CHANGED.wireName());
        assertThat(failed.error().message()).contains("image");
        assertThat(jobs.eventsOf(job.jobId())).noneMatch(e -> e.type() == JobEventType.COMPLETED
                || e.type() == JobEventType.PROGRESS);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    @Test
    void an_attempt_with_unchanged_pinned_inputs_runs_to_completion() throws Exception {
        JsonNode inputs = KafkaJobs.clipInputs("file:elev.tif", KafkaJobs.LUX_AOI);
        long estimate = engine.estimate("clip", inputs).credits();
        DispatchJob job = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI, estimate, engine.pins("clip", inputs));
        jobs.dispatch(job);

        JobEvent completed = jobs.awaitEvent(job.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        assertThat(completed.usage().credits()).isLessThanOrEqualTo(estimate);
    }

    @Test
    void an_attempt_whose_own_estimate_exceeds_the_reserved_credits_fails_with_estimate_exceeds_hold() throws Exception {
        JsonNode inputs = KafkaJobs.clipInputs("file:elev.tif", KafkaJobs.LUX_AOI);
        long estimate = engine.estimate("clip", inputs).credits();
        DispatchJob job = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI, estimate - 1, engine.pins("clip", inputs));
        jobs.dispatch(job);

        JobEvent failed = jobs.awaitEvent(job.jobId(), JobEventType.FAILED, Duration.ofSeconds(60));

        assertThat(failed.error().code()).isEqualTo(FailureCode.ESTIMATE_EXCEEDS_HOLD.wireName());
        assertThat(failed.error().message()).contains(Long.toString(estimate), Long.toString(estimate - 1));
        assertThat(jobs.eventsOf(job.jobId())).noneMatch(e -> e.type() == JobEventType.COMPLETED);
        assertThat(storageRoot.resolve("org_test").resolve(job.jobId()).resolve("1")).doesNotExist();
    }

    private static Path inputsDir() {
        return Path.of("target").toAbsolutePath().resolve("test-inputs");
    }

    private static Path samples() {
        return KafkaTestResource.repoRoot().resolve(".geopera/samples");
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
