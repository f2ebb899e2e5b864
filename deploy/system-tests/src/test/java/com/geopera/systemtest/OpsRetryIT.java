package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's retry on a real stack (api, a worker process, Kafka, PostgreSQL): a job that failed on its worker for
 * a real reason runs again as a new job, succeeds, and the org is charged once (docs/OPERATIONS-GUIDE.md
 * "ops.jobs.retry").
 */
class OpsRetryIT {
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(StackOptions.workers(1)
            .withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", sharedRoots()))
            .withWorkerEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", sharedRoots())));
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** The samples, and the directory whose file the test replaces under a job. */
    private static String sharedRoots() {
        return TestServers.repoRoot().resolve(".geopera/samples") + "," + Inputs.changingDir();
    }

    @Test
    void a_job_that_failed_on_its_worker_retried_by_an_operator_runs_again_succeeds_and_is_billed_once(
            LocalStack stack, Jobs jobs) throws IOException {
        JsonNode key = stack.admin().ok("admin.api_keys.create", Map.of("name", "on-call",
                "scopes", List.of("ops:read", "ops:write")));
        OperationClient ops = new OperationClient(stack.url(), key.path("api_key").asText());
        Path image = Inputs.changingDir().resolve("replaced.tif");
        Files.copy(TestServers.repoRoot().resolve(".geopera/samples/elev.tif"), image,
                StandardCopyOption.REPLACE_EXISTING);
        JsonNode before = stack.balance();
        // Held in the outbox while the customer replaces the file after the estimate: the worker then refuses to run
        // the job on bytes it was not estimated on.
        ops.ok("ops.queues.pause", Map.of("queue", "clip", "reason", "the input is being replaced"));
        String failedId;
        try {
            failedId = jobs.executeClip("file:" + image.getFileName(), Jobs.SMALL_AOI).path("job_id").asText();
            Files.setLastModifiedTime(image, FileTime.from(Files.getLastModifiedTime(image).toInstant()
                    .minus(Duration.ofHours(1))));
        } finally {
            ops.ok("ops.queues.resume", Map.of("queue", "clip"));
        }
        JsonNode failed = jobs.awaitEnd(failedId, WAIT);
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asText()).isEqualTo("input_changed");
        assertThat(failed.path("billing").path("charged_credits").asLong()).isZero();
        assertThat(stack.balance().path("posted").asLong()).isEqualTo(before.path("posted").asLong());

        JsonNode retried = ops.ok("ops.jobs.retry", Map.of("job_id", failedId, "reason", "input replaced"));
        String retryId = retried.path("job").path("job_id").asText();
        assertThat(retried.path("retry_of").asText()).isEqualTo(failedId);
        assertThat(retried.path("job").path("org_id").asText()).isEqualTo(stack.orgId());
        JsonNode done = jobs.awaitEnd(retryId, WAIT);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.path("billing").path("status").asText()).isEqualTo("settled");
        long charged = done.path("billing").path("charged_credits").asLong();
        assertThat(charged).isPositive();

        // Billed once: the org paid the retry's charge, and the failed job nothing.
        JsonNode after = stack.balance();
        assertThat(before.path("posted").asLong() - after.path("posted").asLong()).isEqualTo(charged);
        assertThat(after.path("pending").asLong()).isZero();
        JsonNode original = jobs.get(failedId);
        assertThat(original.path("status").asText()).isEqualTo("failed");
        assertThat(original.path("billing").path("charged_credits").asLong()).isZero();
        assertThat(original.path("billing").path("status").asText()).isEqualTo("released");
        OperationClient.Answer again = ops.call("ops.jobs.retry", Map.of("job_id", failedId));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).contains(retryId);
        JsonNode audit = ops.ok("ops.audit", Map.of("limit", 1)).path("entries").get(0);
        assertThat(audit.path("action").asText()).isEqualTo("ops.jobs.retry");
        assertThat(audit.path("target").asText()).isEqualTo(failedId);
        assertThat(audit.path("detail").path("retry_job_id").asText()).isEqualTo(retryId);
    }
}
