package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.service.Reaper;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A job's life through the real broker: dispatch commands out, worker events in, reaper (outage: BrokerOutageTest). */
@QuarkusTest
class JobLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Reaper reaper;
    @Inject
    ShiftableClock clock;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void restore() {
        clock.reset();
    }

    private static JobEvent event(String jobId, int attempt, JobEventType type, Integer progress,
            List<JobOutput> outputs, Usage usage, JobError error) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, attempt, "worker-test",
                Instant.now(), progress, outputs, usage, error);
    }

    private static JobEvent started(String jobId, int attempt) {
        return event(jobId, attempt, JobEventType.STARTED, null, null, null, null);
    }

    private static Response awaitStatus(Fixture org, String jobId, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                () -> status.equals(org.call("processing.job.get", Map.of("job_id", jobId)).path("status")));
        return org.call("processing.job.get", Map.of("job_id", jobId));
    }

    private static JobOutput output(Fixture org, String jobId, int attempt) throws Exception {
        Map<String, Object> o = OperationsTest.workerOutput(org, jobId, attempt);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) o.get("metadata");
        return new JobOutput("result", (String) o.get("href"), (String) o.get("media_type"),
                ((Number) o.get("size_bytes")).longValue(), metadata);
    }

    private static ConsumerRecord<String, String> dispatchOf(String jobId, int attempt) {
        return KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.dispatch.clip",
                r -> jobId.equals(r.key()) && attemptOf(r.value()) == attempt, WAIT);
    }

    private static int attemptOf(String json) {
        try {
            return Json.mapper().readTree(json).path("attempt").asInt();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void execute_publishes_a_dispatch_command_with_cloud_event_headers_on_the_queue_topic() throws Exception {
        Fixture org = Fixture.org(100_000);
        Response job = org.call("processing.execute", org.clipBody());
        String jobId = job.path("job_id");
        ConsumerRecord<String, String> record = dispatchOf(jobId, 1);
        JsonNode command = Json.mapper().readTree(record.value());
        assertThat(command.path("process_id").asText()).isEqualTo("clip");
        assertThat(command.path("org_id").asText()).isEqualTo(org.orgId);
        assertThat(command.path("reserved_credits").asLong()).isEqualTo(job.<Number>path("billing.reserved_credits").longValue());
        assertThat(command.path("inputs").path("image").asText()).endsWith("elev.tif");
        assertThat(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(CloudEventHeaders.TYPE_DISPATCH);
        assertThat(record.headers().lastHeader(CloudEventHeaders.ID)).isNotNull();
    }

    @Test
    void worker_events_drive_a_job_to_succeeded_and_settle_its_credits_once() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        JobEvent completed = event(jobId, 1, JobEventType.COMPLETED, 100, List.of(output(org, jobId, 1)),
                new Usage(2, Map.of()), null);
        KafkaProbe.publish(started(jobId, 1), event(jobId, 1, JobEventType.PROGRESS, 40, null, null, null), completed);
        Response job = awaitStatus(org, jobId, "succeeded");
        assertThat(job.<String>path("worker_id")).isEqualTo("worker-test");
        assertThat(job.<String>path("started_at")).isNotNull();
        assertThat(job.<String>path("billing.status")).isEqualTo("settled");
        assertThat(job.<Integer>path("billing.charged_credits")).isEqualTo(2);
        KafkaProbe.publish(completed, event(jobId, 1, JobEventType.FAILED, null, null, null,
                new JobError("late", "late failure", false)));
        Thread.sleep(1500);
        Map<String, Object> balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).as(Map.class);
        assertThat(balance).containsEntry("posted", 100_000 - 2).containsEntry("pending", 0)
                .containsEntry("invariants_ok", true);
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("succeeded");

        String href = job.path("outputs[0].href");
        String path = href.substring(href.indexOf("/v1/"));
        long size = Files.size(RealServers.samples.resolve("elev.tif"));
        Response whole = given().header("Authorization", "Bearer " + org.apiKey).get(path);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.asByteArray()).hasSize((int) size);
        Response part = given().header("Authorization", "Bearer " + org.apiKey).header("Range", "bytes=0-9").get(path);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.asByteArray()).hasSize(10);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-9/" + size);
        assertThat(given().header("Authorization", "Bearer " + org.apiKey).header("Range", "bytes=" + size + "-")
                .get(path).statusCode()).isEqualTo(416);
        assertThat(given().get(path).statusCode()).isEqualTo(401);

        Response deleted = org.call("processing.job.delete", Map.of("job_id", jobId));
        assertThat(deleted.<String>path("status")).isEqualTo("succeeded");
        assertThat(deleted.<String>path("outputs_deleted_at")).isNotNull();
        assertThat(Files.exists(RealServers.storageRoot.resolve(org.orgId).resolve(jobId))).isFalse();
        assertThat(given().header("Authorization", "Bearer " + org.apiKey).get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void a_failed_event_fails_the_job_with_its_reason_and_releases_the_hold() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(started(jobId, 1), event(jobId, 1, JobEventType.FAILED, null, null, null,
                new JobError("not_a_raster", "the image is not a raster", false)));
        Response job = awaitStatus(org, jobId, "failed");
        assertThat(job.<String>path("error.code")).isEqualTo("not_a_raster");
        assertThat(job.<String>path("billing.status")).isEqualTo("released");
        assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).<Integer>path("available"))
                .isEqualTo(100_000);
    }

    @Test
    void a_cancelled_event_cancels_the_job_and_releases_the_hold() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(started(jobId, 1), event(jobId, 1, JobEventType.CANCELLED, null, null, null, null));
        assertThat(awaitStatus(org, jobId, "cancelled").<String>path("billing.status")).isEqualTo("released");
    }

    @Test
    void deleting_a_running_job_cancels_it_signals_the_worker_and_ignores_its_late_events() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(started(jobId, 1));
        awaitStatus(org, jobId, "running");
        Response deleted = org.call("processing.job.delete", Map.of("job_id", jobId));
        assertThat(deleted.<String>path("status")).isEqualTo("cancelled");
        assertThat(deleted.<String>path("billing.status")).isEqualTo("released");
        ConsumerRecord<String, String> control = KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.control",
                r -> jobId.equals(r.key()), WAIT);
        assertThat(Json.mapper().readTree(control.value()).path("type").asText()).isEqualTo("CANCEL");
        KafkaProbe.publish(event(jobId, 1, JobEventType.COMPLETED, 100, List.of(output(org, jobId, 1)),
                new Usage(5, Map.of()), null));
        Thread.sleep(1500);
        Response after = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(after.<String>path("status")).isEqualTo("cancelled");
        assertThat(after.<Integer>path("billing.charged_credits")).isZero();
    }

    @Test
    void events_of_other_attempts_and_unreadable_records_are_ignored_without_stopping_the_consumer() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publishRaw(jobId, "{not json");
        KafkaProbe.publish(event(jobId, 7, JobEventType.FAILED, null, null, null, new JobError("x", "x", false)));
        KafkaProbe.publish(started(jobId, 1));
        assertThat(awaitStatus(org, jobId, "running").<Integer>path("attempt")).isEqualTo(1);
        KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.events.dlq", r -> jobId.equals(r.key()), WAIT);
    }

    @Test
    void each_event_of_a_poll_is_recorded_once_with_what_was_done_with_it_a_repeat_in_the_same_poll_included()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        String unknownJob = "job_unknown_" + UUID.randomUUID();
        JobEvent started = started(jobId, 1);
        JobEvent stale = event(jobId, 7, JobEventType.FAILED, null, null, null, new JobError("x", "x", false));
        JobEvent completed = event(jobId, 1, JobEventType.COMPLETED, 100, List.of(output(org, jobId, 1)),
                new Usage(3, Map.of()), null);
        JobEvent ofUnknownJob = started(unknownJob, 1);

        KafkaProbe.publishTogether(List.of(started, stale, started, completed, ofUnknownJob));

        Response job = awaitStatus(org, jobId, "succeeded");
        assertThat(job.<Integer>path("billing.charged_credits")).isEqualTo(3);
        await().atMost(WAIT).until(() -> !outcomesOf(unknownJob).isEmpty());
        assertThat(outcomesOf(jobId)).containsOnly(Map.entry(started.eventId(), "applied"),
                Map.entry(stale.eventId(), "stale_attempt"), Map.entry(completed.eventId(), "applied"));
        assertThat(outcomesOf(unknownJob)).containsOnly(Map.entry(ofUnknownJob.eventId(), "unknown_job"));

        KafkaProbe.publishTogether(List.of(completed, started));
        JobEvent late = event(jobId, 1, JobEventType.FAILED, null, null, null, new JobError("late", "late", false));
        KafkaProbe.publish(late);
        await().atMost(WAIT).until(() -> outcomesOf(jobId).size() == 4);
        assertThat(outcomesOf(jobId)).as("the repeats are no new rows; the late failure is refused")
                .containsOnly(Map.entry(started.eventId(), "applied"), Map.entry(stale.eventId(), "stale_attempt"),
                        Map.entry(completed.eventId(), "applied"), Map.entry(late.eventId(), "illegal_transition"));
        Map<String, Object> balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).as(Map.class);
        assertThat(balance).containsEntry("posted", 100_000 - 3).containsEntry("pending", 0)
                .containsEntry("invariants_ok", true);
    }

    /** The job's rows in {@code job_events}: event id → outcome. */
    private Map<String, String> outcomesOf(String jobId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("SELECT event_id, outcome FROM job_events WHERE job_id = ?")) {
            query.setString(1, jobId);
            Map<String, String> outcomes = new java.util.HashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    outcomes.put(row.getString(1), row.getString(2));
                }
            }
            return outcomes;
        }
    }

    @Test
    void a_poll_of_completions_for_many_jobs_is_applied_in_one_transaction_that_settles_them_all() throws Exception {
        Fixture org = Fixture.org(100_000);
        List<String> jobIds = new ArrayList<>();
        List<JobEvent> completions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
            jobIds.add(jobId);
            completions.add(event(jobId, 1, JobEventType.COMPLETED, 100, List.of(output(org, jobId, 1)),
                    new Usage(2, Map.of()), null));
        }

        KafkaProbe.publishTogether(completions);

        for (String jobId : jobIds) {
            Response job = awaitStatus(org, jobId, "succeeded");
            assertThat(job.<String>path("billing.status")).isEqualTo("settled");
            assertThat(job.<Integer>path("billing.charged_credits")).isEqualTo(2);
        }
        assertThat(transactionsThatWroteEventsOf(jobIds)).isLessThan(jobIds.size());
        Map<String, Object> balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).as(Map.class);
        assertThat(balance).containsEntry("posted", 100_000 - 2 * jobIds.size()).containsEntry("pending", 0)
                .containsEntry("invariants_ok", true);
    }

    @Test
    void an_event_the_database_refuses_for_good_is_dead_lettered_alone_and_the_rest_of_its_poll_is_applied()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        String first = org.call("processing.execute", org.clipBody()).path("job_id");
        String refused = org.call("processing.execute", org.clipBody()).path("job_id");
        String last = org.call("processing.execute", org.clipBody()).path("job_id");
        // PostgreSQL stores no NUL character, in jsonb or text: this event can never be written.
        JobEvent unwritable = new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), JobEventType.STARTED,
                refused, 1, "worker\0nul", Instant.now(), null, null, null, null);

        KafkaProbe.publishTogether(List.of(started(first, 1), unwritable, started(last, 1)));

        awaitStatus(org, first, "running");
        awaitStatus(org, last, "running");
        KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.events.dlq", r -> refused.equals(r.key()), WAIT);
        assertThat(org.call("processing.job.get", Map.of("job_id", refused)).<String>path("status")).isEqualTo("queued");
    }

    private long transactionsThatWroteEventsOf(List<String> jobIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement(
                     "SELECT count(DISTINCT xmin::text) FROM job_events WHERE job_id = ANY(?)")) {
            count.setArray(1, c.createArrayOf("text", jobIds.toArray()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    @Test
    void an_event_whose_database_connection_dies_mid_apply_is_applied_again_and_not_dead_lettered() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT 1 FROM jobs WHERE job_id = ? FOR UPDATE")) {
                lock.setString(1, jobId);
                lock.executeQuery().close();
            }
            KafkaProbe.publish(started(jobId, 1));
            // The consumer's transaction waits for our row lock; kill its connection as a server restart would.
            int applier = await().atMost(WAIT).until(() -> backendWaitingForALock(blocker), pid -> pid > 0);
            try (PreparedStatement kill = blocker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, applier);
                kill.executeQuery().close();
            }
            blocker.rollback();
        }

        assertThat(awaitStatus(org, jobId, "running").<Integer>path("attempt")).isEqualTo(1);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.events.dlq", jobId, Duration.ofSeconds(3)))
                .isEmpty();
    }

    private static int backendWaitingForALock(Connection connection) throws SQLException {
        try (PreparedStatement waiting = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")) {
            try (ResultSet row = waiting.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    @Test
    void the_reaper_redispatches_a_silent_attempt_and_fails_the_job_after_the_last_one() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        for (int attempt = 1; attempt <= 3; attempt++) {
            KafkaProbe.publish(started(jobId, attempt));
            final int current = attempt;
            await().atMost(WAIT).until(() -> {
                Response job = org.call("processing.job.get", Map.of("job_id", jobId));
                return "running".equals(job.path("status")) && job.<Integer>path("attempt") == current;
            });
            clock.advance(Duration.ofSeconds(61));
            reaper.runOnce();
            if (attempt < 3) {
                Response job = org.call("processing.job.get", Map.of("job_id", jobId));
                assertThat(job.<String>path("status")).isEqualTo("queued");
                assertThat(job.<Integer>path("attempt")).isEqualTo(attempt + 1);
                dispatchOf(jobId, attempt + 1);
            }
        }
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.<String>path("status")).isEqualTo("failed");
        assertThat(job.<String>path("error.code")).isEqualTo("attempts_exhausted");
        assertThat(job.<String>path("billing.status")).isEqualTo("released");
    }

    @Test
    void the_reaper_leaves_quiet_running_jobs_alone_until_one_heartbeat_timeout_after_the_api_started() throws Exception {
        // Heartbeats sent while no api was consuming are still in Kafka after a restart; until the consumer had one
        // timeout to read them, silence is no evidence of a dead worker. Put "now" just after this api's start …
        clock.advance(Duration.ofMinutes(-10));
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(started(jobId, 1));
        await().atMost(WAIT).until(() -> "running".equals(org.call("processing.job.get", Map.of("job_id", jobId))
                .<String>path("status")));
        clock.advance(Duration.ofMinutes(2));
        reaper.runOnce();
        Response quiet = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(quiet.<String>path("status")).isEqualTo("running");
        assertThat(quiet.<Integer>path("attempt")).isEqualTo(1);

        // … and once the grace is over, the same silence re-dispatches the attempt.
        clock.reset();
        clock.advance(Duration.ofMinutes(2));
        reaper.runOnce();
        Response reaped = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(reaped.<String>path("status")).isEqualTo("queued");
        assertThat(reaped.<Integer>path("attempt")).isEqualTo(2);
    }

    @Test
    void a_job_still_waiting_in_its_queue_is_not_republished_by_the_reaper() {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        dispatchOf(jobId, 1);
        // A backlog longer than the queued timeout: the record is still ahead of the workers' committed offset.
        clock.advance(Duration.ofMinutes(11));
        reaper.runOnce();
        clock.advance(Duration.ofMinutes(30));
        reaper.runOnce();
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.<String>path("status")).isEqualTo("queued");
        assertThat(job.<Integer>path("attempt")).isEqualTo(1);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.dispatch.clip", jobId, WAIT)).hasSize(1);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.control", jobId, WAIT)).isEmpty();
    }

    @Test
    void a_consumed_record_that_never_started_is_redispatched_once() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.consumeAsWorkers(dispatchOf(jobId, 1));
        clock.advance(Duration.ofMinutes(11));
        reaper.runOnce();
        // Just seen consumed: its STARTED may still be on its way to the api.
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<Integer>path("attempt")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        reaper.runOnce();
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.<String>path("status")).isEqualTo("queued");
        assertThat(job.<Integer>path("attempt")).isEqualTo(2);
        assertThat(job.<String>path("billing.status")).isEqualTo("reserved");
        dispatchOf(jobId, 2);
        ConsumerRecord<String, String> cancel = KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.control",
                r -> jobId.equals(r.key()), WAIT);
        JsonNode command = Json.mapper().readTree(cancel.value());
        assertThat(command.path("type").asText()).isEqualTo("CANCEL");
        assertThat(command.path("attempt").asInt()).isEqualTo(1);

        // Attempt 2 waits in its queue: further passes leave it there.
        clock.advance(Duration.ofMinutes(11));
        reaper.runOnce();
        clock.advance(Duration.ofMinutes(2));
        reaper.runOnce();
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<Integer>path("attempt")).isEqualTo(2);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.dispatch.clip", jobId, WAIT)).hasSize(2);
    }

    @Test
    void an_expired_hold_whose_job_another_transaction_holds_waits_for_the_next_pass_and_blocks_nothing()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        clock.advance(Duration.ofHours(25));
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT 1 FROM jobs WHERE job_id = ? FOR UPDATE")) {
                lock.setString(1, jobId);
                lock.executeQuery().close();
            }
            // The pass must skip the locked job rather than wait for it (or hold its hold while waiting).
            CompletableFuture.supplyAsync(reaper::runOnce).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            blocker.rollback();
        }
        Response skipped = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(skipped.<String>path("status")).isNotEqualTo("failed");
        assertThat(skipped.<String>path("billing.status")).isEqualTo("reserved");

        reaper.runOnce();
        Response expired = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(expired.<String>path("status")).isEqualTo("failed");
        assertThat(expired.<String>path("error.code")).isEqualTo("reservation_expired");
        assertThat(expired.<String>path("billing.status")).isEqualTo("released");
    }

    @Test
    void an_expired_hold_fails_its_job_with_reservation_expired() {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        clock.advance(Duration.ofHours(25));
        reaper.runOnce();
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.<String>path("status")).isEqualTo("failed");
        assertThat(job.<String>path("error.code")).isEqualTo("reservation_expired");
        assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).<Integer>path("available"))
                .isEqualTo(100_000);
    }
}
