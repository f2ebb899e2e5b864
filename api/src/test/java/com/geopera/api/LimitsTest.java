package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.api.service.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-org limits set low, and output retention switched on: an app of its own (test profile), in a JVM of its own
 * (tag {@code own-app-limits}, see api/pom.xml), so the other tests keep the generous defaults.
 */
@QuarkusTest
@TestProfile(LimitsTest.LowLimits.class)
@Tag("own-app-limits")
class LimitsTest {
    private static final int BURST = 12;

    /** A small bucket (12 requests, then one per 20 s), two created jobs per org, outputs kept 30 days. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("geopera.limits.requests-per-second", "0.05", "geopera.limits.burst", String.valueOf(BURST),
                    "geopera.limits.max-created-jobs", "2", "geopera.retention.output-age", "P30D");
        }
    }

    @Inject
    ShiftableClock clock;
    @Inject
    Retention retention;

    /**
     * Buckets refill with the api's clock: ten minutes later every bucket (the admin key's too) is full again. The
     * clock only moves forward in this app (it is never reset), so every advance refills.
     */
    @BeforeEach
    void refill() {
        clock.advance(Duration.ofMinutes(10));
    }

    @Test
    void an_org_over_its_request_rate_gets_429_with_retry_after() {
        Fixture org = Fixture.org(0);
        Fixture neighbour = Fixture.org(0);
        refill();
        for (int i = 0; i < BURST; i++) {
            assertThat(org.call("processing.jobs.list", Map.of()).statusCode()).as("request " + (i + 1)).isEqualTo(200);
        }
        Response limited = org.call("processing.jobs.list", Map.of());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.<String>path("code")).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).as("seconds until one request is allowed again").isBetween(1L, 20L);
        assertThat(limited.<Integer>path("retry_after_seconds")).isEqualTo((int) retryAfter);
        assertThat(org.call("processing.job.get", Map.of("job_id", "job_x")).statusCode()).as("any operation")
                .isEqualTo(429);

        assertThat(neighbour.call("processing.jobs.list", Map.of()).statusCode()).as("another org").isEqualTo(200);
        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(org.call("processing.jobs.list", Map.of()).statusCode()).as("after Retry-After").isEqualTo(200);
        assertThat(org.call("processing.jobs.list", Map.of()).statusCode()).as("and only one").isEqualTo(429);
    }

    @Test
    void an_org_with_too_many_created_jobs_gets_409_until_it_dispatches_or_deletes_one() {
        Fixture org = Fixture.org(100_000);
        refill();
        String first = org.call("processing.create", org.clipBody()).path("job_id");
        assertThat(org.call("processing.create", org.clipBody()).statusCode()).isEqualTo(201);

        Response third = org.call("processing.create", org.clipBody());
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(third.<String>path("code")).isEqualTo("too_many_created_jobs");
        assertThat(third.<Integer>path("limit")).isEqualTo(2);
        assertThat(org.call("processing.create_and_dispatch", org.clipBody()).<String>path("code"))
                .isEqualTo("too_many_created_jobs");
        assertThat(org.call("processing.execute", org.clipBody()).statusCode()).as("execute leaves no created job")
                .isEqualTo(201);

        assertThat(org.call("processing.dispatch", Map.of("job_id", first)).statusCode()).isEqualTo(200);
        assertThat(org.call("processing.create", org.clipBody()).statusCode()).isEqualTo(201);
        assertThat(org.call("processing.jobs.list", Map.of("status", "created", "include", "total")).<Integer>path("total")).isEqualTo(2);
    }

    @Test
    void retention_deletes_outputs_of_jobs_finished_long_ago_when_configured() throws Exception {
        Fixture org = Fixture.org(100_000);
        refill();
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        Map<String, Object> output = OperationsTest.workerOutput(org, jobId, 1);
        // The job is queued: registering it is the platform worker's (a customer key gets 409).
        Response registered = given().header("Authorization", "Bearer " + Fixture.platformWorkerKey())
                .contentType(ContentType.JSON).body(Map.of("job_id", jobId, "outputs", List.of(output)))
                .post(Fixture.path("processing.job.register", false));
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        Path file = Path.of(java.net.URI.create((String) output.get("href")));

        clock.advance(Duration.ofDays(29));
        retention.runOnce();
        assertThat(file).as("finished 29 days ago").exists();

        clock.advance(Duration.ofDays(2));
        retention.runOnce();
        assertThat(Files.exists(file)).as("finished 31 days ago").isFalse();
        Response job = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(job.<String>path("outputs_deleted_at")).isNotNull();
        assertThat(job.<String>path("status")).isEqualTo("succeeded");
    }
}
