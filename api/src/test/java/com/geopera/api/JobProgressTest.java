package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.api.service.Reaper;
import com.geopera.api.service.Retention;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.Usage;
import com.geopera.common.process.JobOutput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HEARTBEAT and PROGRESS events of a running job land in its narrow job_liveness row: clients and the reaper see
 * them, and the wide jobs row is not written again until the job's next transition.
 */
@QuarkusTest
class JobProgressTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Reaper reaper;
    @Inject
    Retention retention;
    @Inject
    ShiftableClock clock;
    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void restore() {
        clock.reset();
    }

    @Test
    void progress_and_heartbeats_are_shown_without_a_new_version_of_the_jobs_row() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null));
        Response running = awaitJob(org, jobId, job -> "running".equals(job.path("status")));
        String startedBeat = running.path("heartbeat_at");
        String rowVersion = rowVersion(jobId);

        KafkaProbe.publish(event(jobId, JobEventType.PROGRESS, 30, null), event(jobId, JobEventType.HEARTBEAT, 30, null));
        awaitJob(org, jobId, job -> job.<Integer>path("progress") == 30);
        clock.advance(Duration.ofSeconds(5));
        KafkaProbe.publish(event(jobId, JobEventType.PROGRESS, 55, null), event(jobId, JobEventType.HEARTBEAT, 55, null),
                event(jobId, JobEventType.PROGRESS, 20, null));
        Response moved = awaitJob(org, jobId, job -> job.<Integer>path("progress") == 55);
        assertThat(Instant.parse(moved.path("heartbeat_at"))).isAfter(Instant.parse(startedBeat));
        List<Map<String, Object>> listed = org.call("processing.jobs.list", Map.of("ids", List.of(jobId))).path("jobs");
        assertThat(listed.get(0)).containsEntry("progress", 55).containsEntry("heartbeat_at", moved.path("heartbeat_at"));

        assertThat(rowVersion(jobId)).as("the jobs row (xmin, version) after five progress events").isEqualTo(rowVersion);
        assertThat(liveness(jobId)).isEqualTo(1);

        Map<String, Object> o = OperationsTest.workerOutput(org, jobId, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) o.get("metadata");
        JobOutput output = new JobOutput("result", (String) o.get("href"), (String) o.get("media_type"),
                ((Number) o.get("size_bytes")).longValue(), metadata);
        KafkaProbe.publish(new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), JobEventType.COMPLETED,
                jobId, 1, "worker-test", clock.instant(), 100, List.of(output), new Usage(2, Map.of()), null));
        Response done = awaitJob(org, jobId, job -> "succeeded".equals(job.path("status")));
        assertThat(done.<Integer>path("progress")).isEqualTo(100);
        retention.runOnce();
        assertThat(liveness(jobId)).as("the row of a finished job is removed by retention").isZero();
    }

    @Test
    void the_reaper_takes_a_heartbeat_in_the_liveness_row_as_a_sign_of_life() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null));
        awaitJob(org, jobId, job -> "running".equals(job.path("status")));

        clock.advance(Duration.ofSeconds(50));
        KafkaProbe.publish(event(jobId, JobEventType.HEARTBEAT, 10, null));
        awaitJob(org, jobId, job -> job.<Integer>path("progress") == 10);
        clock.advance(Duration.ofSeconds(20));
        reaper.runOnce();
        Response alive = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(alive.<String>path("status")).as("70 s after STARTED, 20 s after a heartbeat").isEqualTo("running");
        assertThat(alive.<Integer>path("attempt")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(45));
        reaper.runOnce();
        Response reaped = org.call("processing.job.get", Map.of("job_id", jobId));
        assertThat(reaped.<String>path("status")).as("65 s after the last heartbeat").isEqualTo("queued");
        assertThat(reaped.<Integer>path("attempt")).isEqualTo(2);
        assertThat(reaped.<Integer>path("progress")).as("a new attempt starts from nothing").isZero();
    }

    private JobEvent event(String jobId, JobEventType type, Integer progress, Usage usage) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, 1, "worker-test",
                clock.instant(), progress, null, usage, null);
    }

    private static Response awaitJob(Fixture org, String jobId, java.util.function.Predicate<Response> done) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> done.test(org.call("processing.job.get", Map.of("job_id", jobId))));
        return org.call("processing.job.get", Map.of("job_id", jobId));
    }

    private String rowVersion(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT xmin::text || '/' || version FROM jobs WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private int liveness(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM job_liveness WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
