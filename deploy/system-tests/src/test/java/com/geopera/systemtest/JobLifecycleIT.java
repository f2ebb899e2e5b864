package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One job at a time through the real api, broker, database, worker and GDAL: success, failure, cancellation. */
class JobLifecycleIT {
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(Inputs.withTestInputs(StackOptions.workers(1)));

    @Test
    void an_executed_clip_job_runs_on_a_worker_and_ends_succeeded_with_outputs_and_credits_settled(
            LocalStack stack, Jobs jobs) {
        long postedBefore = stack.balance().path("posted").asLong();
        JsonNode accepted = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI);
        String jobId = accepted.path("job_id").asText();
        assertThat(accepted.path("billing").path("status").asText()).isEqualTo("reserved");

        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(60));

        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("worker_id").asText()).isEqualTo("worker-1");
        assertThat(done.path("outputs")).isNotEmpty();
        JsonNode billing = done.path("billing");
        assertThat(billing.path("status").asText()).isEqualTo("settled");
        long charged = billing.path("charged_credits").asLong();
        assertThat(charged).isPositive().isLessThanOrEqualTo(billing.path("reserved_credits").asLong());
        JsonNode balance = stack.balance();
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(postedBefore - balance.path("posted").asLong()).isEqualTo(charged);
        assertThat(balance.path("invariants_ok").asBoolean()).isTrue();
        assertThat(stack.storageRoot().resolve(stack.orgId()).resolve(jobId).resolve("1")).isDirectory();
    }

    @Test
    void a_job_failing_on_the_worker_ends_failed_with_its_reason_and_its_credits_released(LocalStack stack, Jobs jobs) {
        long availableBefore = stack.balance().path("available").asLong();
        String jobId = jobs.executeClip("file:" + Inputs.API_ONLY_IMAGE, Jobs.SMALL_AOI).path("job_id").asText();

        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(60));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error").path("code").asText()).isNotBlank();
        assertThat(done.path("error").path("message").asText()).isNotBlank();
        assertThat(done.path("billing").path("status").asText()).isEqualTo("released");
        assertThat(done.path("billing").path("charged_credits").asLong()).isZero();
        JsonNode balance = stack.balance();
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(balance.path("available").asLong()).isEqualTo(availableBefore);
    }

    @Test
    void a_cancelled_running_job_stops_within_seconds_and_releases_its_credits(LocalStack stack, Jobs jobs) {
        long availableBefore = stack.balance().path("available").asLong();
        String jobId = jobs.executeClip("file:" + SyntheticRaster.FILE_NAME, Jobs.WIDE_AOI).path("job_id").asText();
        jobs.awaitStatus(jobId, Set.of("running"), Duration.ofSeconds(60));

        Instant cancelledAt = Instant.now();
        jobs.delete(jobId);
        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(30));

        assertThat(done.path("status").asText()).isEqualTo("cancelled");
        try (EventLog events = new EventLog(stack)) {
            // The worker itself stopped the run (not only the api's record) and reported it.
            events.awaitEvent(jobId, "CANCELLED", Duration.ofSeconds(10));
            assertThat(events.lastSeenAt(jobId, "CANCELLED")).isBefore(cancelledAt.plusSeconds(10));
            assertThat(events.count(jobId, "COMPLETED")).isZero();
        }
        assertThat(done.path("billing").path("status").asText()).isEqualTo("released");
        assertThat(stack.balance().path("available").asLong()).isEqualTo(availableBefore);
        assertThat(stack.storageRoot().resolve(stack.orgId()).resolve(jobId).resolve("1")).doesNotExist();
    }
}
