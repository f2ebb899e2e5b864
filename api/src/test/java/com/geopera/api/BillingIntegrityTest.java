package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Who may settle a job and for how much, and which files a job may claim as outputs: what customers, platform
 * workers and the worker events see in the job's billing block and in the org's balance.
 */
@QuarkusTest
class BillingIntegrityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long GRANT = 100_000;

    private static Map<String, Object> balance(Fixture org) {
        @SuppressWarnings("unchecked")
        Map<String, Object> balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).as(Map.class);
        return balance;
    }

    private static Response job(Fixture org, String jobId) {
        return org.call("processing.job.get", Map.of("job_id", jobId));
    }

    private static Response awaitStatus(Fixture org, String jobId, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(job(org, jobId).path("status")));
        return job(org, jobId);
    }

    private static Response post(String token, String operation, Object body) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post("/v1/op/" + operation);
    }

    private static JobEvent event(String jobId, JobEventType type, List<JobOutput> outputs, Usage usage, JobError error) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, 1, "worker-test",
                Instant.now(), type == JobEventType.COMPLETED ? 100 : null, outputs, usage, error);
    }

    /** A file the worker would have written for the attempt: {@code <root>/<org>/<job>/<attempt>/result.tif}. */
    private static Path workerFile(String orgId, String jobId, int attempt) throws Exception {
        Path dir = RealServers.storageRoot.resolve(orgId).resolve(jobId).resolve(String.valueOf(attempt));
        Files.createDirectories(dir);
        return Files.copy(RealServers.samples.resolve("elev.tif"), dir.resolve("result.tif"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, Object> output(String name, String href) {
        return Map.of("name", name, "href", href, "media_type", "image/tiff");
    }

    @Test
    void a_customer_key_cannot_settle_a_job_a_worker_holds_and_the_job_keeps_running_to_its_real_settlement()
            throws Exception {
        Fixture org = Fixture.org(GRANT);
        Response executed = org.call("processing.execute", org.clipBody());
        String jobId = executed.path("job_id");
        int held = executed.path("billing.reserved_credits");
        assertThat(held).isGreaterThan(2);

        Response queued = org.call("processing.job.register", Map.of("job_id", jobId, "outputs", List.of(),
                "usage", Map.of("credits", 0)));
        assertThat(queued.statusCode()).as(queued.asString()).isEqualTo(409);
        assertThat(queued.contentType()).startsWith("application/problem+json");
        assertThat(queued.<String>path("code")).isEqualTo("job_dispatched_to_worker");

        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null, null));
        awaitStatus(org, jobId, "running");
        Response running = org.call("processing.job.register", Map.of("job_id", jobId,
                "outputs", List.of(output("result", workerFile(org.orgId, jobId, 1).toUri().toString())),
                "usage", Map.of("credits", 0)));
        assertThat(running.statusCode()).as(running.asString()).isEqualTo(409);
        assertThat(running.<String>path("code")).isEqualTo("job_dispatched_to_worker");

        Response stillRunning = job(org, jobId);
        assertThat(stillRunning.<String>path("status")).isEqualTo("running");
        assertThat(stillRunning.<String>path("billing.status")).isEqualTo("reserved");
        assertThat(stillRunning.<Integer>path("billing.charged_credits")).isZero();
        assertThat(balance(org)).containsEntry("posted", (int) GRANT).containsEntry("pending", held);

        Map<String, Object> o = OperationsTest.workerOutput(org, jobId, 1);
        KafkaProbe.publish(event(jobId, JobEventType.COMPLETED, List.of(new JobOutput("result", (String) o.get("href"),
                "image/tiff", 0, Map.of())), new Usage(2, Map.of()), null));
        Response settled = awaitStatus(org, jobId, "succeeded");
        assertThat(settled.<String>path("billing.status")).isEqualTo("settled");
        assertThat(settled.<Integer>path("billing.charged_credits")).isEqualTo(2);
        assertThat(balance(org)).containsEntry("posted", (int) GRANT - 2).containsEntry("pending", 0)
                .containsEntry("invariants_ok", true);
    }

    @Test
    void dispatching_a_queued_or_running_job_again_is_refused_and_holds_nothing_more() throws Exception {
        Fixture org = Fixture.org(GRANT);
        Response executed = org.call("processing.execute", org.clipBody());
        String jobId = executed.path("job_id");
        int held = executed.path("billing.reserved_credits");

        Response whileQueued = org.call("processing.dispatch", Map.of("job_id", jobId));
        assertThat(whileQueued.statusCode()).as(whileQueued.asString()).isEqualTo(409);
        assertThat(whileQueued.<String>path("code")).isEqualTo("illegal_transition");

        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null, null));
        awaitStatus(org, jobId, "running");
        Response whileRunning = org.call("processing.dispatch", Map.of("job_id", jobId));
        assertThat(whileRunning.statusCode()).as(whileRunning.asString()).isEqualTo(409);
        assertThat(whileRunning.<String>path("code")).isEqualTo("illegal_transition");

        Response job = job(org, jobId);
        assertThat(job.<String>path("status")).isEqualTo("running");
        assertThat(job.<Integer>path("attempt")).isEqualTo(1);
        assertThat(job.<Integer>path("billing.reserved_credits")).isEqualTo(held);
        assertThat(balance(org)).containsEntry("posted", (int) GRANT).containsEntry("pending", held);
    }

    @Test
    void a_customer_registering_its_own_created_job_is_charged_the_full_estimate_whatever_usage_it_reports() {
        Fixture org = Fixture.org(GRANT);
        Response created = org.call("processing.create", org.clipBody());
        String jobId = created.path("job_id");
        int estimate = created.path("billing.estimated_credits");
        assertThat(estimate).isGreaterThan(0);

        Response registered = org.call("processing.job.register", Map.of("job_id", jobId,
                "outputs", List.of(output("result", "https://data.example.com/mine/result.tif")),
                "usage", Map.of("credits", 0)));

        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        assertThat(registered.<String>path("status")).isEqualTo("succeeded");
        assertThat(registered.<String>path("billing.status")).isEqualTo("settled");
        assertThat(registered.<Integer>path("billing.charged_credits")).isEqualTo(Math.max(1, estimate));
        assertThat(balance(org)).containsEntry("posted", (int) GRANT - Math.max(1, estimate))
                .containsEntry("pending", 0).containsEntry("invariants_ok", true);
        assertThat(org.call("processing.job.register", Map.of("job_id", jobId, "outputs", List.of()))
                .<Integer>path("billing.charged_credits")).isEqualTo(Math.max(1, estimate));
    }

    @Test
    void a_customer_registering_a_created_job_its_org_cannot_pay_gets_402_and_nothing_changes() {
        Fixture org = Fixture.org(0);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");

        Response refused = org.call("processing.job.register", Map.of("job_id", jobId,
                "outputs", List.of(output("result", "https://data.example.com/r.tif"))));

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(402);
        assertThat(refused.<String>path("code")).isEqualTo("insufficient_credits");
        Response after = job(org, jobId);
        assertThat(after.<String>path("status")).isEqualTo("created");
        assertThat(after.<String>path("billing.status")).isEqualTo("none");
        assertThat(after.<List<Object>>path("outputs")).isEmpty();
        assertThat(balance(org)).containsEntry("posted", 0).containsEntry("pending", 0);
    }

    @Test
    void a_platform_worker_key_can_register_a_dispatched_job_for_less_than_its_hold() throws Exception {
        Fixture org = Fixture.org(GRANT);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        String worker = Fixture.platformWorkerKey();

        Response registered = post(worker, "processing.job.register", Map.of("job_id", jobId,
                "outputs", List.of(output("result", workerFile(org.orgId, jobId, 1).toUri().toString())),
                "usage", Map.of("credits", 1)));

        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        Response seen = job(org, jobId);
        assertThat(seen.<String>path("status")).isEqualTo("succeeded");
        assertThat(seen.<Integer>path("billing.charged_credits")).isEqualTo(1);
        assertThat(seen.<String>path("outputs[0].href")).endsWith("/v1/processing/jobs/" + jobId + "/outputs/result");
        assertThat(balance(org)).containsEntry("posted", (int) GRANT - 1).containsEntry("pending", 0);
        Response download = given().header("Authorization", "Bearer " + org.apiKey)
                .get("/v1/processing/jobs/" + jobId + "/outputs/result");
        assertThat(download.statusCode()).isEqualTo(200);
    }

    @Test
    void only_an_admin_makes_platform_worker_keys_which_belong_to_no_org_and_never_reach_a_session() {
        Fixture org = Fixture.org(GRANT);
        Response byCustomer = post(org.apiKey, "admin.api_keys.create", Map.of("org_id", org.orgId, "name", "x",
                "scopes", List.of("platform:worker")));
        assertThat(byCustomer.statusCode()).isEqualTo(403);
        Response withOrg = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("org_id", org.orgId, "name", "x", "scopes", List.of("processing:process", "platform:worker")))
                .post("/v1/op/admin.api_keys.create");
        assertThat(withOrg.statusCode()).as(withOrg.asString()).isEqualTo(422);
        assertThat(withOrg.<List<String>>path("errors.pointer")).contains("/scopes/1");
        Response mixed = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("platform:worker", "admin")))
                .post("/v1/op/admin.api_keys.create");
        assertThat(mixed.statusCode()).isEqualTo(422);

        String worker = Fixture.platformWorkerKey();
        Response session = post(worker, "auth.sessions.create", Map.of("scopes", List.of("platform:worker")));
        assertThat(session.statusCode()).as(session.asString()).isEqualTo(422);
        Response defaultSession = post(worker, "auth.sessions.create", Map.of());
        assertThat(defaultSession.statusCode()).as(defaultSession.asString()).isEqualTo(201);
        assertThat(defaultSession.<List<String>>path("scopes")).doesNotContain("platform:worker");
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        Response bySession = post(defaultSession.path("token"), "processing.job.register",
                Map.of("job_id", jobId, "outputs", List.of(), "usage", Map.of("credits", 0)));
        assertThat(bySession.statusCode()).isEqualTo(403);
        assertThat(post(worker, "processing.execute", org.clipBody()).statusCode()).isEqualTo(403);
        assertThat(job(org, jobId).<String>path("billing.status")).isEqualTo("reserved");
    }

    @Test
    void output_hrefs_outside_the_jobs_own_attempt_directory_are_refused_with_a_pointer_each() throws Exception {
        Fixture org = Fixture.org(GRANT);
        Fixture other = Fixture.org(GRANT);
        String neighbour = org.call("processing.execute", org.clipBody()).path("job_id");
        String foreign = other.call("processing.execute", other.clipBody()).path("job_id");
        Path neighbourFile = workerFile(org.orgId, neighbour, 1);
        Path foreignFile = workerFile(other.orgId, foreign, 1);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        Path own = RealServers.storageRoot.resolve(org.orgId).resolve(jobId).resolve("1");
        Files.createDirectories(own);
        List<Map<String, Object>> outputs = List.of(
                output("neighbour", neighbourFile.toUri().toString()),
                output("foreign", foreignFile.toUri().toString()),
                output("missing", own.resolve("never-written.tif").toUri().toString()),
                output("traversal", own.toUri() + "../../" + neighbour + "/1/result.tif"),
                output("plain_http", "http://data.example.com/result.tif"),
                output("other_scheme", "ftp://data.example.com/result.tif"),
                output("relative", "result.tif"));

        Response refused = post(Fixture.platformWorkerKey(), "processing.job.register", Map.of("job_id", jobId,
                "outputs", outputs, "usage", Map.of("credits", 0)));

        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(refused.<String>path("code")).isEqualTo("validation_failed");
        assertThat(refused.<List<String>>path("errors.pointer")).containsExactly("/outputs/0/href", "/outputs/1/href",
                "/outputs/2/href", "/outputs/3/href", "/outputs/4/href", "/outputs/5/href", "/outputs/6/href");
        assertThat(refused.<List<String>>path("errors.code")).containsExactly("output_outside_job_prefix",
                "output_outside_job_prefix", "output_not_found", "output_outside_job_prefix", "output_href_not_allowed",
                "output_href_not_allowed", "output_outside_job_prefix");
        Response after = job(org, jobId);
        assertThat(after.<String>path("status")).isEqualTo("queued");
        assertThat(after.<String>path("billing.status")).isEqualTo("reserved");
        assertThat(neighbourFile).exists();
        assertThat(foreignFile).exists();
    }

    @Test
    void a_worker_completion_claiming_another_jobs_file_fails_the_job_releases_the_hold_and_leaves_the_file() throws Exception {
        Fixture org = Fixture.org(GRANT);
        String neighbour = org.call("processing.execute", org.clipBody()).path("job_id");
        Path neighbourFile = workerFile(org.orgId, neighbour, 1);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");

        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null, null), event(jobId, JobEventType.COMPLETED,
                List.of(new JobOutput("result", neighbourFile.toUri().toString(), "image/tiff", 1, Map.of())),
                new Usage(1, Map.of()), null));

        Response failed = awaitStatus(org, jobId, "failed");
        assertThat(failed.<String>path("error.code")).isEqualTo("invalid_outputs");
        assertThat(failed.<String>path("billing.status")).isEqualTo("released");
        assertThat(failed.<Integer>path("billing.charged_credits")).isZero();
        assertThat(org.call("processing.job.delete", Map.of("job_id", jobId)).statusCode()).isEqualTo(200);
        assertThat(neighbourFile).exists();
    }

    @Test
    void an_external_https_output_is_recorded_and_shown_but_never_served_or_deleted() {
        Fixture org = Fixture.org(GRANT);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");
        String external = "https://data.example.com/mine/result.tif";

        Response registered = org.call("processing.job.register", Map.of("job_id", jobId,
                "outputs", List.of(output("result", external))));

        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        assertThat(registered.<String>path("outputs[0].href")).isEqualTo(external);
        assertThat(registered.<Boolean>path("outputs[0].external")).isTrue();
        Response download = given().header("Authorization", "Bearer " + org.apiKey)
                .get("/v1/processing/jobs/" + jobId + "/outputs/result");
        assertThat(download.statusCode()).isEqualTo(409);
        assertThat(download.contentType()).startsWith("application/problem+json");
        assertThat(download.<String>path("code")).isEqualTo("output_external");
        assertThat(download.<String>path("external_href")).isEqualTo(external);
        Response deleted = org.call("processing.job.delete", Map.of("job_id", jobId));
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.<String>path("outputs_deleted_at")).isNotNull();
    }

    @Test
    void the_dispatch_command_carries_the_hold_and_the_pinned_size_and_mtime_of_the_input_file() throws Exception {
        Fixture org = Fixture.org(GRANT);
        Response executed = org.call("processing.execute", org.clipBody());
        String jobId = executed.path("job_id");

        ConsumerRecord<String, String> record = KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.dispatch.clip",
                r -> jobId.equals(r.key()), WAIT);

        JsonNode command = Json.mapper().readTree(record.value());
        Path elev = RealServers.samples.resolve("elev.tif");
        assertThat(command.path("reserved_credits").asLong())
                .isEqualTo(executed.<Number>path("billing.reserved_credits").longValue());
        JsonNode pin = command.path("input_pins").path(0);
        assertThat(pin.path("input").asText()).isEqualTo("image");
        assertThat(pin.path("size_bytes").asLong()).isEqualTo(Files.size(elev));
        assertThat(Instant.parse(pin.path("modified").asText()))
                .isEqualTo(Files.getLastModifiedTime(elev.toRealPath()).toInstant());
    }

    @Test
    void a_worker_refusing_a_changed_input_releases_the_whole_hold() throws Exception {
        Fixture org = Fixture.org(GRANT);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");

        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null, null), event(jobId, JobEventType.FAILED,
                null, null, new JobError("input_changed", "input 'image' changed since the estimate", false)));

        Response failed = awaitStatus(org, jobId, "failed");
        assertThat(failed.<String>path("error.code")).isEqualTo("input_changed");
        assertThat(failed.<String>path("billing.status")).isEqualTo("released");
        assertThat(balance(org)).containsEntry("posted", (int) GRANT).containsEntry("pending", 0)
                .containsEntry("available", (int) GRANT);
    }
}
