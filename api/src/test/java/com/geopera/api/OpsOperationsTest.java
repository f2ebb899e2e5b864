package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.api.messaging.OutboxRelay;
import com.geopera.api.service.OutboxParking;
import com.geopera.api.service.Reaper;
import com.geopera.api.service.ops.OpsMetrics;
import com.geopera.api.store.OutboxStore;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.messaging.WorkerHeartbeat;
import com.geopera.common.messaging.WorkerHeartbeat.OwnedPartition;
import com.geopera.common.messaging.WorkerHeartbeat.RunningAttempt;
import com.geopera.ledger.billing.HoldRule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operators' operations against the real stack parts (PostgreSQL, Kafka): who may call them, the queue view's
 * backlog and the metrics that repeat it, workers from their heartbeats, stuck jobs, pausing a queue without losing a
 * job, parked records, retrying and cancelling jobs of any org, and the audit of every action
 * (docs/OPERATIONS-GUIDE.md).
 */
@QuarkusTest
class OpsOperationsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> READS = List.of("ops.queues", "ops.workers", "ops.jobs", "ops.outbox.parked",
            "ops.audit");
    private static final List<String> ACTIONS = List.of("ops.queues.pause", "ops.queues.resume", "ops.jobs.retry",
            "ops.jobs.cancel", "ops.outbox.replay", "ops.outbox.discard");

    @Inject
    ShiftableClock clock;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxStore outbox;
    @Inject
    OutboxParking parking;
    @Inject
    Reaper reaper;
    @Inject
    OpsMetrics metrics;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void restore() {
        clock.reset();
    }

    /** A new operator key (no org) with these scopes: {key_id, api_key, principal_id}. */
    static Response operatorKey(String... scopes) {
        return Fixture.admin("admin.api_keys.create", Map.of("name", "operator", "scopes", List.of(scopes)));
    }

    static Response call(String token, String operation, Object body, boolean resourcePath) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(body)
                .post(Fixture.path(operation, resourcePath));
    }

    static Response ok(String token, String operation, Object body) {
        Response answer = call(token, operation, body, false);
        assertThat(answer.statusCode()).as(operation + ": " + answer.asString()).isEqualTo(200);
        return answer;
    }

    private static Object bodyFor(String operation) {
        return switch (operation) {
            case "ops.queues.pause", "ops.queues.resume" -> Map.of("queue", "clip");
            case "ops.outbox.replay", "ops.outbox.discard" -> Map.of("id", 1);
            case "ops.jobs.retry", "ops.jobs.cancel" -> Map.of("job_id", "job_unknown");
            default -> Map.of();
        };
    }

    private static String execute(Fixture org) {
        Response executed = org.call("processing.execute", org.clipBody());
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        return executed.path("job_id");
    }

    private static String dispatchTopic() {
        return RealServers.prefix + ".jobs.dispatch.clip";
    }

    private static Map<String, Object> clipQueue(String token) {
        return ok(token, "ops.queues", Map.of("queue", "clip")).jsonPath().getMap("queues[0]");
    }

    @Test
    void an_org_key_and_its_sessions_get_403_on_every_ops_operation_in_both_url_forms() throws Exception {
        Fixture org = Fixture.org(0);
        String session = org.call("auth.sessions.create", Map.of()).path("token");
        for (String operation : concat(READS, ACTIONS)) {
            for (boolean resourcePath : List.of(false, true)) {
                for (String token : List.of(org.apiKey, session)) {
                    Response refused = call(token, operation, bodyFor(operation), resourcePath);
                    assertThat(refused.statusCode()).as(operation).isEqualTo(403);
                    assertThat(refused.<String>path("code")).isEqualTo("insufficient_scope");
                }
            }
        }
        // Even a key row of an org that lists the ops scopes (written around the admin's checks) is no operator.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE api_keys SET scopes = scopes || ARRAY['ops:read','ops:write'] WHERE key_id = ?")) {
            s.setString(1, org.keyId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        Thread.sleep(2_500); // past the credential cache
        Response refused = call(org.apiKey, "ops.queues", Map.of(), false);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void only_an_admin_makes_operator_keys_which_belong_to_no_org_and_carry_no_customer_scope() {
        Fixture org = Fixture.org(0);
        Response withOrg = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("org_id", org.orgId, "name", "x", "scopes", List.of("processing:read", "ops:read")))
                .post("/v1/op/admin.api_keys.create");
        assertThat(withOrg.statusCode()).isEqualTo(422);
        assertThat(withOrg.<String>path("errors[0].pointer")).isEqualTo("/scopes/1");
        Response mixed = given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scopes", List.of("ops:read", "processing:read")))
                .post("/v1/op/admin.api_keys.create");
        assertThat(mixed.statusCode()).isEqualTo(422);

        Response reader = operatorKey("ops:read");
        assertThat(reader.<String>path("org_id")).isNull();
        String readKey = reader.path("api_key");
        assertThat(call(readKey, "ops.queues", Map.of(), true).statusCode()).isEqualTo(200);
        for (String action : ACTIONS) {
            Response refused = call(readKey, action, bodyFor(action), false);
            assertThat(refused.statusCode()).as(action).isEqualTo(403);
            assertThat(refused.<String>path("required_scope")).isEqualTo("ops:write");
        }
        // An operator is no admin and no customer.
        assertThat(call(readKey, "admin.orgs.create", Map.of("name", "n"), false).statusCode()).isEqualTo(403);
        assertThat(call(readKey, "processing.jobs.list", Map.of(), false).statusCode()).isEqualTo(403);
        // The console signs in with a session of the operator key.
        Response session = call(readKey, "auth.sessions.create", Map.of(), false);
        assertThat(session.<List<String>>path("scopes")).containsExactly("ops:read");
        assertThat(call(session.path("token"), "ops.workers", Map.of(), false).statusCode()).isEqualTo(200);
        // The admin is an operator too.
        assertThat(call(RealServers.ADMIN_KEY, "ops.jobs", Map.of(), false).statusCode()).isEqualTo(200);
    }

    @Test
    void a_paused_queue_keeps_its_dispatch_commands_in_the_outbox_and_resume_publishes_them_nothing_lost()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        Response operator = operatorKey("ops:read", "ops:write");
        String ops = operator.path("api_key");
        Response paused = ok(ops, "ops.queues.pause", Map.of("queue", "clip", "reason", "storage maintenance"));
        String jobId;
        try {
            assertThat(paused.<Boolean>path("paused")).isTrue();
            assertThat(paused.<Boolean>path("changed")).isTrue();
            assertThat(paused.<String>path("paused_by")).isEqualTo(operator.<String>path("principal_id"));
            jobId = execute(org);
            Thread.sleep(2_000); // four relay poll intervals
            assertThat(outbox.unsentFor(jobId)).isEqualTo(1);
            assertThat(KafkaProbe.recordsWithKey(dispatchTopic(), jobId, WAIT)).isEmpty();
            Map<String, Object> queue = clipQueue(ops);
            assertThat(queue).containsEntry("paused", true).containsEntry("pause_reason", "storage maintenance");
            assertThat(((Number) queue.get("unpublished")).longValue()).isGreaterThanOrEqualTo(1);
            Response job = org.call("processing.job.get", Map.of("job_id", jobId));
            assertThat(job.<String>path("status")).isEqualTo("queued");
            assertThat(job.<String>path("billing.status")).isEqualTo("reserved");
            assertThat(ok(ops, "ops.queues.pause", Map.of("queue", "clip")).<Boolean>path("changed")).isFalse();
        } finally {
            Response resumed = ok(ops, "ops.queues.resume", Map.of("queue", "clip", "reason", "done"));
            assertThat(resumed.<Boolean>path("paused")).isFalse();
        }
        await().atMost(WAIT).until(() -> outbox.unsentFor(jobId) == 0);
        assertThat(KafkaProbe.recordsWithKey(dispatchTopic(), jobId, WAIT)).hasSize(1);
        assertThat(clipQueue(ops)).containsEntry("paused", false);

        List<Map<String, Object>> audit = ok(ops, "ops.audit", Map.of("limit", 3)).jsonPath().getList("entries");
        assertThat(audit).extracting(e -> e.get("action")).containsExactly("ops.queues.resume", "ops.queues.pause",
                "ops.queues.pause");
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.get("principal_id")).isEqualTo(operator.path("principal_id"));
            assertThat(e.get("key_id")).isEqualTo(operator.path("key_id"));
            assertThat(e.get("target")).isEqualTo("clip");
        });
        assertThat(audit.get(2).get("reason")).isEqualTo("storage maintenance");
        Response unknown = call(ops, "ops.queues.pause", Map.of("queue", "nosuchqueue"), false);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void the_queue_backlog_is_the_worker_groups_lag_per_partition_and_the_metrics_say_the_same() throws Exception {
        Fixture org = Fixture.org(100_000);
        String ops = operatorKey("ops:read").path("api_key");
        long before = ((Number) clipQueue(ops).get("backlog")).longValue();
        String first = execute(org);
        String second = execute(org);
        await().atMost(WAIT).until(() -> outbox.unsentFor(first) + outbox.unsentFor(second) == 0);

        Map<String, Object> queue = clipQueue(ops);
        assertThat(((Number) queue.get("backlog")).longValue()).isEqualTo(before + 2);
        List<Map<String, Object>> partitions = partitions(queue);
        assertThat(partitions).hasSize(2);
        assertThat(partitions.stream().mapToLong(p -> ((Number) p.get("backlog")).longValue()).sum())
                .isEqualTo(before + 2);
        assertThat(((Number) queue.get("queued")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(((Number) queue.get("oldest_queued_age_seconds")).doubleValue()).isGreaterThanOrEqualTo(0);

        // A worker takes the first record: the group commits past it and the backlog drops by what it passed.
        ConsumerRecord<String, String> taken = KafkaProbe.awaitRecord(dispatchTopic(), r -> first.equals(r.key()), WAIT);
        KafkaProbe.consumeAsWorkers(taken);
        Map<String, Object> after = clipQueue(ops);
        Map<String, Object> partition = partitions(after).get(taken.partition());
        assertThat(((Number) partition.get("committed_offset")).longValue()).isEqualTo(taken.offset() + 1);
        assertThat(((Number) partition.get("backlog")).longValue())
                .isEqualTo(((Number) partition.get("end_offset")).longValue() - (taken.offset() + 1));

        // The oldest queued job ages with the clock, and the gauges repeat the view's numbers.
        clock.advance(Duration.ofMinutes(3));
        metrics.refresh();
        Map<String, Object> now = clipQueue(ops);
        assertThat(((Number) now.get("oldest_queued_age_seconds")).doubleValue()).isGreaterThanOrEqualTo(180);
        String scrape = given().get("/q/metrics").asString();
        assertThat(gauge(scrape, "geopera_queue_backlog", "queue=\"clip\""))
                .isEqualTo(((Number) now.get("backlog")).doubleValue());
        assertThat(gauge(scrape, "geopera_queue_oldest_queued_age_seconds", "queue=\"clip\""))
                .isGreaterThanOrEqualTo(180);
        assertThat(gauge(scrape, "geopera_jobs", "queue=\"clip\",status=\"queued\""))
                .isEqualTo(((Number) now.get("queued")).doubleValue());
        assertThat(gauge(scrape, "geopera_queue_partition_backlog",
                "partition=\"" + taken.partition() + "\",queue=\"clip\"")).isEqualTo(
                ((Number) partitions(now).get(taken.partition()).get("backlog")).doubleValue());
    }

    @Test
    void a_worker_is_listed_from_its_heartbeats_owns_its_partitions_while_alive_and_is_dead_when_they_stop()
            throws Exception {
        String ops = operatorKey("ops:read").path("api_key");
        String workerId = "worker-" + UUID.randomUUID();
        WorkerHeartbeat heartbeat = new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, workerId, "9.9.9",
                List.of("clip"), 3, 1, List.of(new RunningAttempt("job_seen", 2, "clip", "clip")),
                List.of(new OwnedPartition(dispatchTopic(), 1)), Instant.now().minusSeconds(60), Instant.now());
        // The api's heartbeat consumer starts at the end of the topic: send until one is read.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaProbe.publishTo(RealServers.prefix + ".workers.heartbeats", workerId,
                    Json.mapper().writeValueAsString(heartbeat));
            return worker(ops, workerId) != null;
        });
        Map<String, Object> listed = worker(ops, workerId);
        assertThat(listed).containsEntry("alive", true).containsEntry("version", "9.9.9")
                .containsEntry("slots", 3).containsEntry("slots_busy", 1).containsEntry("slots_free", 2)
                .containsEntry("queues", List.of("clip"));
        assertThat(listed.get("running")).isEqualTo(List.of(Map.of("job_id", "job_seen", "attempt", 2,
                "queue", "clip", "process_id", "clip")));
        assertThat(listed.get("partitions")).isEqualTo(List.of(Map.of("queue", "clip", "partition", 1)));
        Map<String, Object> queue = clipQueue(ops);
        assertThat(partitions(queue).get(1)).containsEntry("owner", workerId);
        assertThat(((Number) queue.get("workers_alive")).intValue()).isGreaterThanOrEqualTo(1);

        clock.advance(HEARTBEAT_TIMEOUT.plusSeconds(5));
        assertThat(worker(ops, workerId)).containsEntry("alive", false);
        assertThat(partitions(clipQueue(ops)).get(1).get("owner")).isNull();
    }

    @Test
    void a_running_job_whose_heartbeats_stopped_is_stuck_until_the_reaper_acts() throws Exception {
        Fixture org = Fixture.org(100_000);
        String ops = operatorKey("ops:read").path("api_key");
        String jobId = execute(org);
        KafkaProbe.consumeAsWorkers(KafkaProbe.awaitRecord(dispatchTopic(), r -> jobId.equals(r.key()), WAIT));
        KafkaProbe.publish(event(jobId, 1, JobEventType.STARTED, null));
        await().atMost(WAIT).until(() -> "running".equals(org.call("processing.job.get", Map.of("job_id", jobId))
                .path("status")));
        assertThat(stuck(ops, jobId)).isNull();

        clock.advance(HEARTBEAT_TIMEOUT.plusSeconds(5));
        Map<String, Object> stuck = stuck(ops, jobId);
        assertThat(stuck).containsEntry("reason", "stale_heartbeat").containsEntry("status", "running")
                .containsEntry("worker_id", "worker-ops-test").containsEntry("queue", "clip");
        assertThat(((Number) stuck.get("age_seconds")).doubleValue()).isGreaterThanOrEqualTo(65);
        metrics.refresh();
        assertThat(gauge(given().get("/q/metrics").asString(), "geopera_jobs_stuck",
                "queue=\"clip\",reason=\"stale_heartbeat\"")).isGreaterThanOrEqualTo(1);

        reaper.runOnce();
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<Integer>path("attempt")).isEqualTo(2);
        assertThat(stuck(ops, jobId)).isNull();
    }

    @Test
    void recent_failures_are_listed_with_their_error_codes() throws Exception {
        Fixture org = Fixture.org(100_000);
        String ops = operatorKey("ops:read").path("api_key");
        String jobId = execute(org);
        String code = "ops_test_failure_" + UUID.randomUUID().toString().substring(0, 8);
        KafkaProbe.publish(event(jobId, 1, JobEventType.STARTED, null),
                event(jobId, 1, JobEventType.FAILED, new JobError(code, "the disk was full", true)));
        await().atMost(WAIT).until(() -> "failed".equals(org.call("processing.job.get", Map.of("job_id", jobId))
                .path("status")));
        Response jobs = ok(ops, "ops.jobs", Map.of("failed_within_minutes", 5, "limit", 500));
        List<Map<String, Object>> failures = jobs.jsonPath().getList("failures");
        assertThat(failures).filteredOn(f -> jobId.equals(f.get("job_id"))).singleElement().satisfies(f -> {
            assertThat(f).containsEntry("error_code", code).containsEntry("error_message", "the disk was full")
                    .containsEntry("org_id", org.orgId).containsEntry("queue", "clip").containsEntry("attempt", 1);
        });
        List<Map<String, Object>> codes = jobs.jsonPath().getList("failure_codes");
        assertThat(codes).contains(Map.of("error_code", code, "count", 1));
        Response invalid = call(ops, "ops.jobs", Map.of("failed_within_minutes", 0, "limit", 501), false);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.jsonPath().getList("errors.pointer")).containsExactlyInAnyOrder("/failed_within_minutes",
                "/limit");
    }

    @Test
    void a_parked_dispatch_is_not_replayed_but_discarded_and_a_parked_cancel_is_replayed() throws Exception {
        Fixture org = Fixture.org(100_000);
        String ops = operatorKey("ops:read", "ops:write").path("api_key");
        String dispatched;
        String cancelled;
        relay.pause();
        try {
            dispatched = execute(org);
            park(dispatched);
        } finally {
            relay.resume();
        }
        Map<String, Object> record = parked(ops, dispatched);
        assertThat(record).containsEntry("job_status", "failed").containsEntry("topic", dispatchTopic());
        long dispatchId = ((Number) record.get("id")).longValue();
        Response refused = call(ops, "ops.outbox.replay", Map.of("id", dispatchId), false);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("detail")).contains("ops.jobs.retry");
        Response discarded = ok(ops, "ops.outbox.discard", Map.of("id", dispatchId, "reason", "retried instead"));
        assertThat(discarded.<String>path("state")).isEqualTo("discarded");
        assertThat(parked(ops, dispatched)).isNull();
        assertThat(call(ops, "ops.outbox.discard", Map.of("id", dispatchId), false).statusCode()).isEqualTo(409);
        assertThat(call(ops, "ops.outbox.replay", Map.of("id", Long.MAX_VALUE), false).statusCode()).isEqualTo(404);

        // A cancel whose CANCEL command was parked: replaying it sends it.
        cancelled = execute(org);
        await().atMost(WAIT).until(() -> outbox.unsentFor(cancelled) == 0);
        relay.pause();
        try {
            assertThat(org.call("processing.job.delete", Map.of("job_id", cancelled)).statusCode()).isEqualTo(200);
            park(cancelled);
        } finally {
            relay.resume();
        }
        long cancelId = ((Number) parked(ops, cancelled).get("id")).longValue();
        assertThat(ok(ops, "ops.outbox.replay", Map.of("id", cancelId)).<String>path("state")).isEqualTo("pending");
        KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.control", r -> cancelled.equals(r.key()), WAIT);
        assertThat(parked(ops, cancelled)).isNull();
        List<Map<String, Object>> audit = ok(ops, "ops.audit", Map.of("limit", 2)).jsonPath().getList("entries");
        assertThat(audit).extracting(e -> e.get("action")).containsExactly("ops.outbox.replay", "ops.outbox.discard");
        assertThat(audit.get(1).get("reason")).isEqualTo("retried instead");
    }

    @Test
    void the_audit_pages_backwards_from_the_newest_entry() {
        String ops = operatorKey("ops:read", "ops:write").path("api_key");
        for (int i = 0; i < 3; i++) {
            ok(ops, "ops.queues.resume", Map.of("queue", "clip", "reason", "page " + i));
        }
        Response first = ok(ops, "ops.audit", Map.of("limit", 2));
        assertThat(first.jsonPath().getList("entries.reason")).containsExactly("page 2", "page 1");
        long next = first.<Number>path("next_before_id").longValue();
        Response second = ok(ops, "ops.audit", Map.of("limit", 1, "before_id", next));
        assertThat(second.jsonPath().getList("entries.reason")).containsExactly("page 0");
    }

    @Test
    void a_failed_job_retried_by_an_operator_runs_again_as_a_new_queued_job_of_its_org_held_dispatched_and_audited()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        Response operator = operatorKey("ops:read", "ops:write");
        String ops = operator.path("api_key");
        Map<String, Object> body = new HashMap<>(org.clipBody());
        body.put("title", "coastline of the north");
        Response executed = org.call("processing.execute", body);
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        String failedId = executed.path("job_id");
        fail(org, failedId, "input_changed");
        Map<String, Object> before = balance(org);

        Response retried = call(ops, "ops.jobs.retry", Map.of("job_id", failedId, "reason", "input fixed"), true);
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
        String retryId = retried.path("job.job_id");
        assertThat(retryId).startsWith("job_").isNotEqualTo(failedId);
        assertThat(retried.<String>path("retry_of")).isEqualTo(failedId);
        long auditId = retried.<Number>path("audit_id").longValue();
        Response shown = org.call("processing.job.get", Map.of("job_id", retryId));
        assertThat(retried.jsonPath().getMap("job")).isEqualTo(shown.jsonPath().getMap(""));
        assertThat(shown.<String>path("status")).isEqualTo("queued");
        assertThat(shown.<Integer>path("attempt")).isEqualTo(1);
        assertThat(shown.<String>path("org_id")).isEqualTo(org.orgId);
        assertThat(shown.<String>path("workspace_id")).isEqualTo(org.workspaceId);
        assertThat(shown.<String>path("process_id")).isEqualTo("clip");
        assertThat(shown.<String>path("title")).isEqualTo("coastline of the north");
        assertThat(shown.jsonPath().getMap("inputs")).isEqualTo(executed.jsonPath().getMap("inputs"));
        assertThat(shown.<String>path("billing.status")).isEqualTo("reserved");
        long held = shown.<Number>path("billing.reserved_credits").longValue();
        assertThat(held).isEqualTo(HoldRule.creditsToHold(shown.<Number>path("billing.estimated_credits").longValue()));
        assertThat(principalOf(retryId)).isEqualTo(org.principalId);

        // The ledger holds the retry's estimate; the failed job stays as it was, charged nothing.
        assertThat(balance(org)).containsEntry("posted", before.get("posted"))
                .containsEntry("pending", (int) held)
                .containsEntry("available", ((Number) before.get("available")).intValue() - (int) held);
        Response failed = org.call("processing.job.get", Map.of("job_id", failedId));
        assertThat(failed.<String>path("status")).isEqualTo("failed");
        assertThat(failed.<String>path("billing.status")).isEqualTo("released");
        assertThat(failed.<Integer>path("billing.charged_credits")).isZero();
        // The dispatch command went through the outbox to the queue's topic.
        ConsumerRecord<String, String> dispatch = KafkaProbe.awaitRecord(dispatchTopic(),
                r -> retryId.equals(r.key()), WAIT);
        assertThat(Json.mapper().readTree(dispatch.value()).path("attempt").asInt()).isEqualTo(1);
        assertThat(Json.mapper().readTree(dispatch.value()).path("reserved_credits").asLong()).isEqualTo(held);
        assertThat(outboxRows(retryId)).isEqualTo(1);

        // Audited (who, what, when, why) and linked in the same transaction.
        Map<String, Object> entry = ok(ops, "ops.audit", Map.of("limit", 1)).jsonPath().getMap("entries[0]");
        assertThat(entry).containsEntry("action", "ops.jobs.retry").containsEntry("target", failedId)
                .containsEntry("reason", "input fixed").containsEntry("principal_id", operator.path("principal_id"))
                .containsEntry("key_id", operator.path("key_id"));
        assertThat(((Number) entry.get("audit_id")).longValue()).isEqualTo(auditId);
        assertThat(entry.get("at")).isNotNull();
        assertThat(entry.get("detail")).isEqualTo(Map.of("retry_job_id", retryId, "org_id", org.orgId,
                "error_code", "input_changed", "reserved_credits", (int) held));
        assertThat(retryLink(failedId)).isEqualTo(retryId + " " + auditId);

        // Retried at most once: the second retry names the first.
        Response again = call(ops, "ops.jobs.retry", Map.of("job_id", failedId), false);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.<String>path("code")).isEqualTo("illegal_transition");
        assertThat(again.<String>path("detail")).contains(retryId);
        assertThat(ok(ops, "ops.audit", Map.of("limit", 1)).jsonPath().<Number>getList("entries.audit_id").get(0)
                .longValue()).isEqualTo(auditId);
    }

    @Test
    void only_a_failed_job_is_retried_an_unknown_job_is_404_and_a_bad_body_lists_every_problem() {
        Fixture org = Fixture.org(100_000);
        String ops = operatorKey("ops:read", "ops:write").path("api_key");
        String queued = execute(org);
        Response refused = call(ops, "ops.jobs.retry", Map.of("job_id", queued), false);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("code")).isEqualTo("illegal_transition");
        assertThat(refused.<String>path("detail")).contains("queued");
        assertThat(retryLink(queued)).isNull();

        for (String action : List.of("ops.jobs.retry", "ops.jobs.cancel")) {
            Response unknown = call(ops, action, Map.of("job_id", "job_01NOSUCHJOB"), false);
            assertThat(unknown.statusCode()).as(action).isEqualTo(404);
            assertThat(unknown.<String>path("code")).isEqualTo("job_not_found");
            Response invalid = call(ops, action, Map.of("job_id", " ", "reason", "x".repeat(501)), true);
            assertThat(invalid.statusCode()).as(action).isEqualTo(422);
            assertThat(invalid.<String>path("code")).isEqualTo("validation_failed");
            assertThat(invalid.jsonPath().getList("errors.pointer")).contains("/job_id", "/reason");
            Response empty = call(ops, action, Map.of(), false);
            assertThat(empty.statusCode()).isEqualTo(422);
            assertThat(empty.jsonPath().getList("errors.pointer")).containsExactly("/job_id");
        }
    }

    @Test
    void a_retry_the_org_cannot_pay_is_402_and_changes_nothing_and_an_operators_cancel_frees_the_credits()
            throws Exception {
        Fixture org = Fixture.org(0);
        long hold = HoldRule.creditsToHold(org.call("processing.catalog.estimate",
                Map.of("process_id", "clip", "inputs", Fixture.clipInputs())).<Number>path("credits").longValue());
        Fixture.admin("admin.credits.grant", Map.of("org_id", org.orgId, "credits", hold));
        Response operator = operatorKey("ops:read", "ops:write");
        String ops = operator.path("api_key");
        String failedId = execute(org);
        fail(org, failedId, "storage_error");
        String running = execute(org);
        KafkaProbe.publish(event(running, 1, JobEventType.STARTED, null));
        await().atMost(WAIT).until(() -> "running".equals(org.call("processing.job.get",
                Map.of("job_id", running)).path("status")));
        long lastAudit = ok(ops, "ops.audit", Map.of("limit", 1)).jsonPath().<Number>getList("entries.audit_id")
                .stream().mapToLong(Number::longValue).max().orElse(0);

        Response unpaid = call(ops, "ops.jobs.retry", Map.of("job_id", failedId), false);
        assertThat(unpaid.statusCode()).as(unpaid.asString()).isEqualTo(402);
        assertThat(unpaid.<String>path("code")).isEqualTo("insufficient_credits");
        assertThat(unpaid.<Integer>path("available")).isZero();
        assertThat(org.call("processing.jobs.list", Map.of("include", List.of("total"))).<Integer>path("total"))
                .isEqualTo(2);
        assertThat(retryLink(failedId)).isNull();
        assertThat(ok(ops, "ops.audit", Map.of("limit", 1)).jsonPath().<Number>getList("entries.audit_id")
                .stream().mapToLong(Number::longValue).max().orElse(0)).isEqualTo(lastAudit);
        assertThat(balance(org)).containsEntry("pending", (int) hold).containsEntry("available", 0);

        // The operator cancels the running job: its hold is released and its worker told to stop, as a delete does.
        Response cancelled = call(ops, "ops.jobs.cancel", Map.of("job_id", running, "reason", "runaway"), true);
        assertThat(cancelled.statusCode()).as(cancelled.asString()).isEqualTo(200);
        assertThat(cancelled.<String>path("job.status")).isEqualTo("cancelled");
        assertThat(cancelled.<String>path("job.billing.status")).isEqualTo("released");
        assertThat(cancelled.<Object>path("retry_of")).isNull();
        assertThat(cancelled.jsonPath().getMap("job")).isEqualTo(org.call("processing.job.get",
                Map.of("job_id", running)).jsonPath().getMap(""));
        ConsumerRecord<String, String> stop = KafkaProbe.awaitRecord(RealServers.prefix + ".jobs.control",
                r -> running.equals(r.key()), WAIT);
        assertThat(Json.mapper().readTree(stop.value()).path("type").asText()).isEqualTo("CANCEL");
        assertThat(balance(org)).containsEntry("pending", 0).containsEntry("available", (int) hold);
        Map<String, Object> entry = ok(ops, "ops.audit", Map.of("limit", 1)).jsonPath().getMap("entries[0]");
        assertThat(entry).containsEntry("action", "ops.jobs.cancel").containsEntry("target", running)
                .containsEntry("reason", "runaway").containsEntry("principal_id", operator.path("principal_id"));
        assertThat(((Number) entry.get("audit_id")).longValue())
                .isEqualTo(cancelled.<Number>path("audit_id").longValue());
        Response finished = call(ops, "ops.jobs.cancel", Map.of("job_id", running), false);
        assertThat(finished.statusCode()).isEqualTo(409);
        assertThat(finished.<String>path("code")).isEqualTo("illegal_transition");

        // Now the org can pay: the retry is taken.
        Response retried = call(ops, "ops.jobs.retry", Map.of("job_id", failedId), false);
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
        assertThat(retried.<String>path("job.billing.status")).isEqualTo("reserved");
        assertThat(balance(org)).containsEntry("pending", (int) hold).containsEntry("available", 0);
    }

    /** Fails attempt 1 of the job as a worker would, and waits until the api applied it. */
    private static void fail(Fixture org, String jobId, String code) throws Exception {
        KafkaProbe.publish(event(jobId, 1, JobEventType.STARTED, null),
                event(jobId, 1, JobEventType.FAILED, new JobError(code, "failed on purpose", false)));
        await().atMost(WAIT).until(() -> "failed".equals(org.call("processing.job.get", Map.of("job_id", jobId))
                .path("status")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> balance(Fixture org) {
        return Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).as(Map.class);
    }

    /** "retry_job_id audit_id" of the failed job's row in ops_job_retries, or null. */
    private String retryLink(String failedJobId) {
        return queryOne("SELECT retry_job_id || ' ' || audit_id FROM ops_job_retries WHERE failed_job_id = ?",
                failedJobId);
    }

    private String principalOf(String jobId) {
        return queryOne("SELECT principal_id FROM jobs WHERE job_id = ?", jobId);
    }

    private long outboxRows(String jobId) {
        return Long.parseLong(queryOne("SELECT count(*) FROM outbox WHERE message_key = ? AND ce_type = "
                + "'com.geopera.job.dispatch.v1'", jobId));
    }

    private String queryOne(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parks the job's pending outbox row as the relay does with one it cannot send. */
    private void park(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM outbox WHERE message_key = ? AND sent_at IS NULL AND parked_at IS NULL")) {
            s.setString(1, jobId);
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).as("a pending row of " + jobId).isTrue();
                assertThat(parking.park(row.getLong(1), "RecordTooLargeException: test")).isTrue();
            }
        }
    }

    private static JobEvent event(String jobId, int attempt, JobEventType type, JobError error) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, attempt,
                "worker-ops-test", Instant.now(), null, null, null, error);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> partitions(Map<String, Object> queue) {
        return (List<Map<String, Object>>) queue.get("partitions");
    }

    private static Map<String, Object> worker(String token, String workerId) {
        List<Map<String, Object>> workers = ok(token, "ops.workers", Map.of()).jsonPath().getList("workers");
        return workers.stream().filter(w -> workerId.equals(w.get("worker_id"))).findFirst().orElse(null);
    }

    private static Map<String, Object> stuck(String token, String jobId) {
        List<Map<String, Object>> stuck = ok(token, "ops.jobs", Map.of("limit", 500)).jsonPath().getList("stuck");
        return stuck.stream().filter(s -> jobId.equals(s.get("job_id"))).findFirst().orElse(null);
    }

    private static Map<String, Object> parked(String token, String jobId) {
        List<Map<String, Object>> records = ok(token, "ops.outbox.parked", Map.of("limit", 1000)).jsonPath()
                .getList("records");
        return records.stream().filter(r -> jobId.equals(r.get("key"))).findFirst().orElse(null);
    }

    /** The value of one gauge line of a Prometheus scrape, e.g. {@code geopera_queue_backlog{queue="clip"} 3.0}. */
    static double gauge(String scrape, String name, String labels) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
        assertThat(line.find()).as(name + "{" + labels + "} in the scrape").isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
