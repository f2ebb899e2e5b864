package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.api.service.CreatedJobExpiry;
import com.geopera.api.service.Retention;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry of never-dispatched jobs and the retention pass, with time moved by the api's clock. */
@QuarkusTest
class CleanupTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CreatedJobExpiry expiry;
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
    void created_jobs_expire_after_the_configured_time() {
        Fixture org = Fixture.org(100_000);
        String waiting = org.call("processing.create", org.clipBody()).path("job_id");
        String queued = org.call("processing.execute", org.clipBody()).path("job_id");

        clock.advance(Duration.ofDays(7).minusMinutes(1));
        expiry.runOnce();
        assertThat(job(org, waiting).<String>path("status")).as("a minute before its time").isEqualTo("created");

        clock.advance(Duration.ofMinutes(2));
        String fresh = org.call("processing.create", org.clipBody()).path("job_id");
        expiry.runOnce();

        Response expired = job(org, waiting);
        assertThat(expired.<String>path("status")).isEqualTo("failed");
        assertThat(expired.<String>path("error.code")).isEqualTo("expired");
        assertThat(expired.<String>path("billing.status")).isEqualTo("none");
        assertThat(expired.<String>path("finished_at")).isNotNull();
        assertThat(job(org, queued).<String>path("status")).as("dispatched jobs are not touched").isEqualTo("queued");
        assertThat(job(org, fresh).<String>path("status")).isEqualTo("created");
        assertThat(Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId)).<Boolean>path("invariants_ok"))
                .isTrue();
    }

    @Test
    void retention_deletes_sent_outbox_rows_and_old_heartbeats_but_keeps_lifecycle_events() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        awaitSent(jobId);
        Map<String, Object> file = OperationsTest.workerOutput(org, jobId, 1);
        KafkaProbe.publish(event(jobId, JobEventType.STARTED, null, null),
                event(jobId, JobEventType.HEARTBEAT, null, null), event(jobId, JobEventType.PROGRESS, 50, null),
                event(jobId, JobEventType.HEARTBEAT, null, null), completed(jobId, file));
        await().atMost(WAIT).until(() -> eventTypes(jobId).size() == 5);
        assertThat(outboxRows(jobId)).isEqualTo(1);

        retention.runOnce();
        assertThat(eventTypes(jobId)).as("young rows are kept").hasSize(5);
        assertThat(outboxRows(jobId)).isEqualTo(1);

        clock.advance(Duration.ofDays(8));
        String recent = org.call("processing.execute", org.clipBody()).path("job_id");
        awaitSent(recent);
        retention.runOnce();

        assertThat(outboxRows(jobId)).as("the old job's sent dispatch command").isZero();
        assertThat(outboxRows(recent)).as("a command sent just now").isEqualTo(1);
        assertThat(dispatchPositions(jobId)).as("where the finished job's dispatch landed").isZero();
        assertThat(dispatchPositions(recent)).as("the queued job's position, which the reaper reads").isEqualTo(1);
        assertThat(eventTypes(jobId)).containsExactlyInAnyOrder("STARTED", "COMPLETED");
        Response job = job(org, jobId);
        assertThat(job.<String>path("status")).isEqualTo("succeeded");
        assertThat(Files.exists(Path.of(java.net.URI.create((String) file.get("href")))))
                .as("the outputs of the job's current attempt").isTrue();
    }

    @Test
    void retention_deletes_orphaned_attempt_and_staging_directories_but_never_follows_links() throws Exception {
        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.create", org.clipBody()).path("job_id");
        Path jobDir = RealServers.storageRoot.resolve(org.orgId).resolve(jobId);
        Path staleAttempt = Files.createDirectories(jobDir.resolve("1"));
        Files.writeString(staleAttempt.resolve("result.tif"), "partial");
        Path staging = Files.createDirectories(jobDir.resolve(".1.staging-" + UUID.randomUUID()));
        Files.writeString(staging.resolve("result.tif"), "half written");
        Path current = Files.createDirectories(jobDir.resolve("0"));
        Path other = Files.createDirectories(jobDir.resolve("notes"));
        Path outside = Files.createTempDirectory("gp-outside-");
        Path outsideFile = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Files.createSymbolicLink(staleAttempt.resolve("link-to-outside"), outsideFile);
        Path linkedAttempt = Files.createSymbolicLink(jobDir.resolve("2"), outside);
        Path unknownJob = Files.createDirectories(RealServers.storageRoot.resolve(org.orgId).resolve("job_unknown")
                .resolve("1"));

        retention.runOnce();
        assertThat(staleAttempt).as("not old enough yet").exists();
        assertThat(staging).exists();

        clock.advance(Duration.ofDays(3));
        retention.runOnce();

        assertThat(staleAttempt).as("an attempt that is not the job's current one").doesNotExist();
        assertThat(staging).as("a staging directory").doesNotExist();
        assertThat(current).as("the current attempt").exists();
        assertThat(other).as("a directory the worker does not make").exists();
        assertThat(unknownJob).as("a directory of a job this database does not know").exists();
        assertThat(Files.isSymbolicLink(linkedAttempt)).as("a link is not a directory to clean").isTrue();
        assertThat(outsideFile).as("files outside the root, reached through links").exists().hasContent("keep me");
        assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void retention_deletes_long_finished_jobs_with_files_and_events_but_never_one_that_holds_credits()
            throws Exception {
        Fixture org = Fixture.org(100_000);
        // A job run to its end: credits held at execute, charged at COMPLETED, its output file written.
        String done = org.call("processing.execute", org.clipBody()).path("job_id");
        awaitSent(done);
        Map<String, Object> file = OperationsTest.workerOutput(org, done, 1);
        KafkaProbe.publish(event(done, JobEventType.STARTED, null, null),
                event(done, JobEventType.HEARTBEAT, null, null), completed(done, file));
        await().atMost(WAIT).until(() -> "settled".equals(job(org, done).path("billing.status")));
        Path outputFile = Path.of(java.net.URI.create((String) file.get("href")));
        // Jobs whose credits are still held: one whose row says so, one whose row says released while the ledger's
        // hold is pending (a row out of step with the ledger must not lose the hold's job).
        String holding = org.call("processing.execute", org.clipBody()).path("job_id");
        String outOfStep = org.call("processing.execute", org.clipBody()).path("job_id");
        // A job finished just now.
        String recent = org.call("processing.create", org.clipBody()).path("job_id");
        assertThat(org.call("processing.job.delete", Map.of("job_id", recent)).statusCode()).isEqualTo(200);
        Response balanceBefore = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));

        // Older than the test profile's finished-job-age (ten years): only these rows are aged, so the pass does not
        // reach other tests' jobs.
        execute("UPDATE jobs SET finished_at = timestamptz '2000-01-01 00:00:00Z' WHERE job_id = ?", done);
        execute("UPDATE jobs SET status = 'failed', finished_at = timestamptz '2000-01-01 00:00:00Z' "
                + "WHERE job_id = ?", holding);
        execute("UPDATE jobs SET status = 'failed', billing_status = 'released', "
                + "finished_at = timestamptz '2000-01-01 00:00:00Z' WHERE job_id = ?", outOfStep);
        assertThat(count("SELECT count(*) FROM ledger_journal WHERE job_id = ?", done)).as("reserve, settle")
                .isEqualTo(2);

        Retention.Pass pass;
        try {
            pass = retention.runOnce();
        } finally {
            // Back to what they were: later tests check the invariants of every hold.
            for (String jobId : List.of(holding, outOfStep)) {
                execute("UPDATE jobs SET status = 'queued', billing_status = 'reserved', finished_at = NULL "
                        + "WHERE job_id = ?", jobId);
            }
        }

        assertThat(pass.finishedJobs()).as("looked at: the old job and the row out of step").isGreaterThanOrEqualTo(2);
        assertThat(job(org, done).statusCode()).as("the long-finished job").isEqualTo(404);
        assertThat(org.call("processing.jobs.list", Map.of("ids", done)).<List<Object>>path("jobs")).isEmpty();
        assertThat(eventTypes(done)).isEmpty();
        assertThat(dispatchPositions(done)).isZero();
        assertThat(outputFile).as("its output file").doesNotExist();
        assertThat(RealServers.storageRoot.resolve(org.orgId).resolve(done)).as("its directory").doesNotExist();
        assertThat(count("SELECT count(*) FROM ledger_journal WHERE job_id = ?", done))
                .as("the ledger keeps the deleted job's entries").isEqualTo(2);
        assertThat(job(org, holding).statusCode()).as("billing reserved: kept").isEqualTo(200);
        assertThat(job(org, outOfStep).statusCode()).as("hold pending in the ledger: kept").isEqualTo(200);
        assertThat(job(org, recent).<String>path("status")).as("finished just now: kept").isEqualTo("cancelled");
        Response balanceAfter = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        assertThat(balanceAfter.asString()).as("balance unchanged, every invariant (a closed hold may outlive its "
                + "job)").isEqualTo(balanceBefore.asString());
        assertThat(balanceAfter.<Boolean>path("invariants_ok")).isTrue();
    }

    /** The COMPLETED event of attempt 1 with this output file, 2 credits used. */
    private static JobEvent completed(String jobId, Map<String, Object> file) {
        @SuppressWarnings("unchecked")
        JobOutput output = new JobOutput("result", (String) file.get("href"), (String) file.get("media_type"),
                ((Number) file.get("size_bytes")).longValue(), (Map<String, Object>) file.get("metadata"));
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), JobEventType.COMPLETED, jobId, 1,
                "worker-test", Instant.now(), 100, List.of(output), new Usage(2, Map.of()), null);
    }

    private static JobEvent event(String jobId, JobEventType type, Integer progress, Usage usage) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, 1, "worker-test",
                Instant.now(), progress, null, usage, null);
    }

    private static Response job(Fixture org, String jobId) {
        return org.call("processing.job.get", Map.of("job_id", jobId));
    }

    private void awaitSent(String jobId) {
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM outbox WHERE message_key = ? "
                + "AND sent_at IS NOT NULL", jobId) == 1);
    }

    private int outboxRows(String jobId) throws Exception {
        return count("SELECT count(*) FROM outbox WHERE message_key = ?", jobId);
    }

    private int dispatchPositions(String jobId) throws Exception {
        return count("SELECT count(*) FROM dispatch_positions WHERE job_id = ?", jobId);
    }

    private List<String> eventTypes(String jobId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT type FROM job_events WHERE job_id = ?")) {
            s.setString(1, jobId);
            List<String> types = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    types.add(r.getString(1));
                }
            }
            return types;
        }
    }

    private void execute(String sql, String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            assertThat(s.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    private int count(String sql, String jobId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
