package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.messaging.OutboxRelay;
import com.geopera.api.store.OutboxStore;
import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay fails records one by one: a dispatch command the producer refuses (larger than its
 * max.request.size, as a job with 230,000 × {@code 1e6} in its AOI once made) is parked and its job failed, while the
 * commands claimed in the same round are published. Real broker, real database.
 */
@QuarkusTest
class OutboxParkingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What the reported job's inputs grew to once re-serialised: each 1e6 became 1000000.0. */
    private static final int JUNK_NUMBERS = 230_000;

    @Inject
    OutboxRelay relay;
    @Inject
    OutboxStore outbox;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MeterRegistry metrics;

    @Test
    void an_unsendable_dispatch_record_is_parked_and_other_jobs_keep_flowing() throws Exception {
        Fixture org = Fixture.org(100_000);
        double parkedBefore = metrics.counter("geopera.outbox.parked").count();
        String unsendable;
        String first;
        String second;
        relay.pause();
        try {
            // Three jobs whose commands wait in the outbox together, so one relay round claims all three.
            unsendable = execute(org);
            first = execute(org);
            second = execute(org);
            // The one way left to get an oversized command past the inputs cap: write it into the row.
            oversize(unsendable);
        } finally {
            relay.resume();
        }

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> outbox.unsentFor(first) == 0 && outbox.unsentFor(second) == 0);
        String dispatchTopic = RealServers.prefix + ".jobs.dispatch.clip";
        assertThat(KafkaProbe.recordsWithKey(dispatchTopic, first, WAIT)).as("commands of " + first).hasSize(1);
        assertThat(KafkaProbe.recordsWithKey(dispatchTopic, second, WAIT)).as("commands of " + second).hasSize(1);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> outbox.parkedFor(unsendable) == 1);
        assertThat(outbox.unsentFor(unsendable)).isZero();
        assertThat(KafkaProbe.recordsWithKey(dispatchTopic, unsendable, WAIT)).isEmpty();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT attempts, last_error FROM outbox WHERE message_key = ?")) {
            s.setString(1, unsendable);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                assertThat(row.getInt("attempts")).isEqualTo(1);
                assertThat(row.getString("last_error")).contains("RecordTooLargeException");
            }
        }
        assertThat(metrics.counter("geopera.outbox.parked").count()).isEqualTo(parkedBefore + 1);

        // The parked job does not wait in queued holding credits: it failed and its hold went back.
        Response job = org.call("processing.job.get", Map.of("job_id", unsendable));
        assertThat(job.<String>path("status")).isEqualTo("failed");
        assertThat(job.<String>path("error.code")).isEqualTo("dispatch_failed");
        assertThat(job.<String>path("error.message")).contains("RecordTooLargeException");
        assertThat(job.<String>path("billing.status")).isEqualTo("released");
        assertThat(job.<Integer>path("billing.released_credits")).isEqualTo(job.<Integer>path("billing.reserved_credits"));
        assertThat(org.call("processing.job.get", Map.of("job_id", first)).<String>path("status")).isEqualTo("queued");

        Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        int held = org.call("processing.job.get", Map.of("job_id", first)).<Integer>path("billing.reserved_credits")
                + org.call("processing.job.get", Map.of("job_id", second)).<Integer>path("billing.reserved_credits");
        assertThat(balance.<Integer>path("pending")).isEqualTo(held);
        assertThat(balance.<Boolean>path("invariants_ok")).isTrue();
    }

    private static String execute(Fixture org) {
        Response executed = org.call("processing.execute", org.clipBody());
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        return executed.path("job_id");
    }

    /** Rewrites the job's pending command with 230,000 numbers in its AOI's properties (about 2.3 MB). */
    private void oversize(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            String payload;
            try (PreparedStatement s = c.prepareStatement("SELECT payload FROM outbox WHERE message_key = ?")) {
                s.setString(1, jobId);
                try (ResultSet row = s.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    payload = row.getString(1);
                }
            }
            ObjectNode command = (ObjectNode) Json.mapper().readTree(payload);
            ArrayNode junk = ((ObjectNode) command.path("inputs").path("aoi")).putObject("properties").putArray("junk");
            for (int i = 0; i < JUNK_NUMBERS; i++) {
                junk.add(1e6);
            }
            String oversized = Json.mapper().writeValueAsString(command);
            assertThat(oversized.length()).isGreaterThan(2_000_000);
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET payload = ? WHERE message_key = ?")) {
                s.setString(1, oversized);
                s.setString(2, jobId);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
