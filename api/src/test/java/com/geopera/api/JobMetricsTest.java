package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The job counters and histograms (docs/OPERATIONS-GUIDE.md "Metrics") count what the job aggregate applied, once:
 * worker events come through the real broker, a redelivered one (same event id) and a stale or refused one count
 * nothing.
 */
@QuarkusTest
class JobMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] CLIP = {"process", "clip", "queue", "clip"};

    @Inject
    MeterRegistry registry;

    private static JobEvent event(String jobId, int attempt, JobEventType type, List<JobOutput> outputs, Usage usage,
            JobError error) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, "evt_" + UUID.randomUUID(), type, jobId, attempt, "worker-metrics",
                Instant.now(), null, outputs, usage, error);
    }

    private double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timerCount(String name) {
        Timer timer = registry.find(name).tags("process", "clip").timer();
        return timer == null ? 0 : timer.count();
    }

    private static void awaitStatus(Fixture org, String jobId, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(
                () -> status.equals(org.call("processing.job.get", Map.of("job_id", jobId)).path("status")));
    }

    @Test
    void a_job_run_to_success_is_counted_once_even_when_its_events_are_delivered_twice() throws Exception {
        double submitted = counter("geopera.jobs.submitted", CLIP);
        double succeeded = counter("geopera.jobs.succeeded", CLIP);
        double started = counter("geopera.events.applied", "type", "STARTED");
        double completed = counter("geopera.events.applied", "type", "COMPLETED");
        double settled = counter("geopera.credits.settled");
        long runs = timerCount("geopera.job.run");
        long waits = timerCount("geopera.job.queued.wait");
        String[] gdalError = {"process", "clip", "queue", "clip", "code", "gdal_error"};
        double failed = counter("geopera.jobs.failed", gdalError);

        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        Map<String, Object> output = OperationsTest.workerOutput(org, jobId, 1);
        @SuppressWarnings("unchecked")
        JobOutput result = new JobOutput("result", (String) output.get("href"), (String) output.get("media_type"),
                ((Number) output.get("size_bytes")).longValue(), (Map<String, Object>) output.get("metadata"));
        JobEvent start = event(jobId, 1, JobEventType.STARTED, null, null, null);
        JobEvent completion = event(jobId, 1, JobEventType.COMPLETED, List.of(result), new Usage(3, Map.of()), null);
        KafkaProbe.publish(start, completion);
        awaitStatus(org, jobId, "succeeded");
        // Kafka redelivers both, and a late failure of the same attempt arrives: the job stays succeeded.
        KafkaProbe.publish(start, completion, event(jobId, 1, JobEventType.FAILED, null, null,
                new JobError("gdal_error", "late", false)));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(counter("geopera.events.applied", "type", "COMPLETED")).isEqualTo(completed + 1));
        Thread.sleep(1500);

        assertThat(counter("geopera.jobs.submitted", CLIP)).isEqualTo(submitted + 1);
        assertThat(counter("geopera.jobs.succeeded", CLIP)).isEqualTo(succeeded + 1);
        assertThat(counter("geopera.events.applied", "type", "STARTED")).isEqualTo(started + 1);
        assertThat(counter("geopera.events.applied", "type", "COMPLETED")).isEqualTo(completed + 1);
        assertThat(counter("geopera.credits.settled")).isEqualTo(settled + 3);
        assertThat(timerCount("geopera.job.run")).isEqualTo(runs + 1);
        assertThat(timerCount("geopera.job.queued.wait")).isEqualTo(waits + 1);
        assertThat(counter("geopera.jobs.failed", gdalError)).as("the late failure was refused, not counted")
                .isEqualTo(failed);
    }

    @Test
    void failures_are_counted_by_their_code_and_a_code_that_is_none_of_ours_as_other() throws Exception {
        String[] calibration = {"process", "clip", "queue", "clip", "code", "calibration_failed"};
        String[] other = {"process", "clip", "queue", "clip", "code", "other"};
        double calibrationBefore = counter("geopera.jobs.failed", calibration);
        double otherBefore = counter("geopera.jobs.failed", other);
        double failedEvents = counter("geopera.events.applied", "type", "FAILED");

        Fixture org = Fixture.org(100_000);
        String first = org.call("processing.execute", org.clipBody()).path("job_id");
        String second = org.call("processing.execute", org.clipBody()).path("job_id");
        JobEvent failure = event(first, 1, JobEventType.FAILED, null, null,
                new JobError("calibration_failed", "too few control points", false));
        KafkaProbe.publish(failure, failure, event(second, 1, JobEventType.FAILED, null, null,
                new JobError("engine_specific_trouble", "an engine's own code", false)));
        awaitStatus(org, first, "failed");
        awaitStatus(org, second, "failed");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(counter("geopera.events.applied", "type", "FAILED")).isEqualTo(failedEvents + 2));

        assertThat(counter("geopera.jobs.failed", calibration)).isEqualTo(calibrationBefore + 1);
        assertThat(counter("geopera.jobs.failed", other)).isEqualTo(otherBefore + 1);
    }

    @Test
    void a_job_cancelled_before_it_started_counts_as_cancelled_without_a_run_time() {
        double cancelled = counter("geopera.jobs.cancelled", CLIP);
        long runs = timerCount("geopera.job.run");

        Fixture org = Fixture.org(100_000);
        String jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        assertThat(org.call("processing.job.delete", Map.of("job_id", jobId)).<String>path("status"))
                .isEqualTo("cancelled");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(counter("geopera.jobs.cancelled", CLIP)).isEqualTo(cancelled + 1));
        assertThat(timerCount("geopera.job.run")).isEqualTo(runs);
    }
}
