package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL outage: the app reaches the database through {@link PostgresProxy}, which the test cuts and
 * restores. Requests meanwhile are told to come back later (503 + Retry-After), not given a 500 and a stack trace,
 * and the log gets one line when it starts and one when it ends, not one per request.
 */
@QuarkusTest
@TestProfile(OwnServers.Profile.class)
@Tag("own-app")
class DatabaseOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> WATCHED = List.of("com.geopera.api.service.DatabaseOutage",
            "com.geopera.api.rest.ProblemMapper");

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        WATCHED.forEach(name -> Logger.getLogger(name).addHandler(capture));
    }

    @AfterEach
    void releaseLogs() {
        WATCHED.forEach(name -> Logger.getLogger(name).removeHandler(capture));
        OwnServers.restoreDatabaseIfCut();
    }

    private List<LogRecord> records(String logger, Level atLeast) {
        return logged.stream().filter(r -> logger.equals(r.getLoggerName()))
                .filter(r -> r.getLevel().intValue() >= atLeast.intValue()).toList();
    }

    @Test
    void a_postgresql_outage_answers_503_with_retry_after_and_logs_once_per_outage() {
        Fixture org = Fixture.org(100_000);
        Response executed = org.call("processing.execute", org.clipBody());
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        String jobId = executed.path("job_id");
        // Past the token cache, so authentication needs the database too.
        sleep(Duration.ofSeconds(3));

        OwnServers.cutDatabase();
        for (int round = 0; round < 3; round++) {
            for (Response response : List.of(
                    org.call("processing.job.get", Map.of("job_id", jobId)),
                    org.call("processing.execute", org.clipBody()),
                    org.call("processing.jobs.list", Map.of()),
                    given().header("Authorization", "Bearer " + RealServers.ADMIN_KEY).contentType("application/json")
                            .body(Map.of("org_id", org.orgId)).post("/v1/op/admin.credits.balance"))) {
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.<String>path("code")).isEqualTo("service_unavailable");
                assertThat(response.header("Retry-After")).isEqualTo("7");
                assertThat(response.asString()).doesNotContain("Exception", "at org.", "at com.", "PSQL");
            }
        }
        assertThat(records("com.geopera.api.service.DatabaseOutage", Level.WARNING)).as("outage lines").hasSize(1);
        assertThat(records("com.geopera.api.rest.ProblemMapper", Level.WARNING)).as("per-request errors").isEmpty();

        OwnServers.restoreDatabase();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> org.call("processing.job.get", Map.of("job_id", jobId)).statusCode() == 200);
        await().atMost(WAIT).until(() -> records("com.geopera.api.service.DatabaseOutage", Level.INFO).size() == 2);
        assertThat(records("com.geopera.api.service.DatabaseOutage", Level.INFO).get(1).getMessage())
                .contains("available again");
        assertThat(org.call("processing.execute", org.clipBody()).statusCode()).isEqualTo(201);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
