package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on spend operations, per org. */
@QuarkusTest
class IdempotencyTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ShiftableClock clock;

    @AfterEach
    void restore() {
        clock.reset();
    }

    private static Response spend(Fixture org, String operation, String key, String body) {
        return given().header("Authorization", "Bearer " + org.apiKey).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/v1/op/" + operation);
    }

    private static String json(Object body) throws Exception {
        return Json.mapper().writeValueAsString(body);
    }

    @Test
    void the_same_key_and_body_returns_the_first_response_and_creates_one_job() throws Exception {
        Fixture org = Fixture.org(100_000);
        String body = json(org.clipBody());
        Response first = spend(org, "processing.execute", "k-1", body);
        Response second = spend(org, "processing.execute", "k-1", body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isEqualTo(1);
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("jobs[0].billing.reserved_credits"))
                .isEqualTo(Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).<Integer>path("pending"));
    }

    @Test
    void the_same_key_with_another_body_is_refused_with_422() throws Exception {
        Fixture org = Fixture.org(100_000);
        assertThat(spend(org, "processing.create", "k-2", json(org.clipBody())).statusCode()).isEqualTo(201);
        Map<String, Object> other = new java.util.HashMap<>(org.clipBody());
        other.put("title", "different");
        Response reused = spend(org, "processing.create", "k-2", json(other));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.<String>path("code")).isEqualTo("idempotency_key_reused");
        Response otherOperation = spend(org, "processing.execute", "k-2", json(org.clipBody()));
        assertThat(otherOperation.<String>path("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void a_record_left_in_flight_by_a_crashed_request_does_not_block_the_retry() throws Exception {
        Fixture org = Fixture.org(100_000);
        String body = json(org.clipBody());
        // What an api that stored the key before running left behind when it crashed: a record without an answer.
        // Nobody runs with the key (no transaction holds it), so the retry runs at once instead of waiting with 409.
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_records (org_id, idempotency_key, "
                        + "operation, request_hash, state, created_at, expires_at) VALUES (?,?,?,?,'in_flight',?,?)")) {
            s.setString(1, org.orgId);
            s.setString(2, "k-3");
            s.setString(3, "processing.execute");
            s.setBytes(4, requestHash("processing.execute", body));
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.setTimestamp(6, Timestamp.from(Instant.now().plus(Duration.ofHours(24))));
            s.executeUpdate();
        }
        Response retry = spend(org, "processing.execute", "k-3", body);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(201);
        assertThat(retry.header("Idempotency-Replayed")).isNull();
        Response replay = spend(org, "processing.execute", "k-3", body);
        assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isEqualTo(1);
    }

    /**
     * The crash window: the spend's statements ran (job row, hold, outbox row) and then the write of the key's answer
     * fails, a real PostgreSQL error raised by a trigger the test installs, as a crash or a lost connection at that
     * point would. The client retries later, with the same key, once the database works again: exactly one job and
     * one hold exist, and a further repeat replays the retry's answer.
     */
    @Test
    void a_crash_between_the_spend_and_its_idempotency_record_never_spends_twice() throws Exception {
        Fixture org = Fixture.org(100_000);
        String body = json(org.clipBody());
        String key = "crash-" + UUID.randomUUID();
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION test_fail_answer() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'injected failure while storing the answer'; END $$");
            s.execute("CREATE TRIGGER test_fail_answer BEFORE INSERT OR UPDATE ON idempotency_records FOR EACH ROW "
                    + "WHEN (NEW.idempotency_key = '" + key + "' AND NEW.response_status IS NOT NULL) "
                    + "EXECUTE FUNCTION test_fail_answer()");
        }
        Response crashed;
        try {
            crashed = spend(org, "processing.execute", key, body);
        } finally {
            try (Connection c = database(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER test_fail_answer ON idempotency_records");
            }
        }
        assertThat(crashed.statusCode()).as(crashed.asString()).isEqualTo(500);

        // The client comes back minutes later (past any in-flight timeout an api might have).
        clock.advance(Duration.ofMinutes(10));
        Response retry = spend(org, "processing.execute", key, body);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(201);
        Response again = spend(org, "processing.execute", key, body);
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(again.asString()).isEqualTo(retry.asString());

        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).as("jobs").isEqualTo(1);
        Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        assertThat(balance.<Integer>path("pending")).as("one hold, the retry's job's")
                .isEqualTo(retry.<Integer>path("billing.reserved_credits"));
        assertThat(balance.<Boolean>path("invariants_ok")).isTrue();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox o JOIN jobs j "
                        + "ON j.job_id = o.message_key WHERE j.org_id = ?")) {
            s.setString(1, org.orgId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getInt(1)).as("dispatch commands").isEqualTo(1);
            }
        }
    }

    @Test
    void create_and_dispatch_without_credits_keeps_its_created_job_and_replays_the_402_with_it() throws Exception {
        Fixture poor = Fixture.org(0);
        String body = json(poor.clipBody());
        Response first = spend(poor, "processing.create_and_dispatch", "cd-1", body);
        Response again = spend(poor, "processing.create_and_dispatch", "cd-1", body);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(402);
        assertThat(first.<String>path("job_id")).isNotNull();
        assertThat(again.statusCode()).isEqualTo(402);
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(again.<String>path("job_id")).isEqualTo(first.path("job_id"));
        Response jobs = poor.call("processing.jobs.list", Map.of("include", "total"));
        assertThat(jobs.<Integer>path("total")).isEqualTo(1);
        assertThat(jobs.<String>path("jobs[0].status")).isEqualTo("created");
    }

    private static byte[] requestHash(String operation, String body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(operation.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        return digest.digest();
    }

    /**
     * Two requests with one key really overlap: the test holds the workspace row, so the first request (holding its
     * key for its transaction) waits inside that transaction at the job insert's foreign-key check; the second arrives
     * meanwhile. Nothing in the api knows about the test.
     */
    @Test
    void two_concurrent_requests_with_one_key_run_once_and_the_second_is_refused_while_the_first_runs()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        String body = json(org.clipBody());
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<Response> first;
        try (Connection holder = database(); Connection observer = database()) {
            holder.setAutoCommit(false);
            try (PreparedStatement s = holder.prepareStatement(
                    "SELECT 1 FROM workspaces WHERE workspace_id = ? FOR UPDATE")) {
                s.setString(1, org.workspaceId);
                s.executeQuery().close();
            }
            first = client.submit(() -> spend(org, "processing.execute", "k-6", body));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> blockedBy(observer, holder));

            Response second = spend(org, "processing.execute", "k-6", body);
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.<String>path("code")).isEqualTo("idempotency_key_in_flight");
            assertThat(first.isDone()).as("the first request still runs").isFalse();
            holder.rollback();
        } finally {
            client.shutdown();
        }
        Response firstAnswer = first.get(30, TimeUnit.SECONDS);
        assertThat(firstAnswer.statusCode()).as(firstAnswer.asString()).isEqualTo(201);
        Response replay = spend(org, "processing.execute", "k-6", body);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(replay.asString()).isEqualTo(firstAnswer.asString());

        Response jobs = org.call("processing.jobs.list", Map.of("include", "total"));
        assertThat(jobs.<Integer>path("total")).as("jobs").isEqualTo(1);
        Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        assertThat(balance.<Integer>path("pending")).as("one hold, the job's")
                .isEqualTo(firstAnswer.<Integer>path("billing.reserved_credits"));
        assertThat(balance.<Boolean>path("invariants_ok")).isTrue();
    }

    /** A connection of its own to the test database, outside the api's pool and transactions. */
    private static Connection database() throws Exception {
        Config config = ConfigProvider.getConfig();
        Properties credentials = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> credentials.put("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(p -> credentials.put("password", p));
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), credentials);
    }

    /** True once some session waits for a lock that {@code holder} holds. */
    private static boolean blockedBy(Connection observer, Connection holder) throws Exception {
        int holderPid;
        try (Statement s = holder.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            holderPid = r.getInt(1);
        }
        try (PreparedStatement s = observer.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
            s.setInt(1, holderPid);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    @Test
    void keys_are_per_org_and_kept_at_least_a_day() throws Exception {
        Fixture a = Fixture.org(100_000);
        Fixture b = Fixture.org(100_000);
        Response first = spend(a, "processing.create", "shared", json(a.clipBody()));
        Response second = spend(b, "processing.create", "shared", json(b.clipBody()));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.<String>path("job_id")).isNotEqualTo(first.path("job_id"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT state, expires_at - created_at >= interval '24 hours' "
                        + "FROM idempotency_records WHERE org_id = ? AND idempotency_key = 'shared'")) {
            s.setString(1, a.orgId);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("done");
                assertThat(r.getBoolean(2)).isTrue();
            }
        }
    }

    @Test
    void a_refusal_is_replayed_too_and_nothing_is_created_by_either_call() throws Exception {
        Fixture poor = Fixture.org(0);
        String body = json(poor.clipBody());
        Response first = spend(poor, "processing.execute", "k-5", body);
        Response again = spend(poor, "processing.execute", "k-5", body);
        assertThat(first.statusCode()).isEqualTo(402);
        assertThat(again.statusCode()).isEqualTo(402);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.<String>path("code")).isEqualTo("insufficient_credits");
        assertThat(poor.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isZero();
    }

    @Test
    void dispatch_and_register_are_idempotent_by_key() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");
        String body = json(Map.of("job_id", jobId));
        assertThat(spend(org, "processing.dispatch", "d-1", body).statusCode()).isEqualTo(200);
        Response replay = spend(org, "processing.dispatch", "d-1", body);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.<Integer>path("attempt")).isEqualTo(1);
        Response notAgain = spend(org, "processing.dispatch", "d-2", body);
        assertThat(notAgain.statusCode()).isEqualTo(409);
        assertThat(notAgain.<String>path("code")).isEqualTo("illegal_transition");
        // A customer registers a job it ran itself: one still created (a dispatched one is the worker's).
        String ownJobId = org.call("processing.create", org.clipBody()).path("job_id");
        String register = json(Map.of("job_id", ownJobId, "outputs", java.util.List.of(Map.of("name", "result",
                "href", "https://data.example.com/result.tif"))));
        Response registered = spend(org, "processing.job.register", "r-1", register);
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        assertThat(spend(org, "processing.job.register", "r-1", register).asString()).isEqualTo(registered.asString());
    }
}
