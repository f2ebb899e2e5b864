package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator sees and does on a real stack (api, worker processes, Kafka, PostgreSQL): the backlog of a queue
 * nobody consumes and its draining, a paused queue that loses nothing, a SIGKILLed worker's job shown as stuck until
 * the reaper acts (docs/OPERATIONS-GUIDE.md). The stack starts without workers; the tests start and kill them, in
 * order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsIT {
    /** The api refreshes its gauges every second and lists a job stuck 3 s after its last heartbeat (reaper: 10 s). */
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(Inputs.withTestInputs(StackOptions.workers(0))
            .withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", sharedAndApiOnlyRoots(),
                    "GEOPERA_OPS_SNAPSHOT_INTERVAL", "1s", "GEOPERA_OPS_STALE_HEARTBEAT_AFTER", "PT3S")));
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String sharedAndApiOnlyRoots() {
        return TestServers.repoRoot().resolve(".geopera/samples") + "," + SyntheticRaster.dir() + ","
                + Inputs.apiOnlyDir();
    }

    /** An operator key (no org) made by the stack's admin. */
    private static OperationClient operator(LocalStack stack) {
        JsonNode key = stack.admin().ok("admin.api_keys.create", Map.of("name", "on-call",
                "scopes", List.of("ops:read", "ops:write")));
        return new OperationClient(stack.url(), key.path("api_key").asText());
    }

    private static JsonNode queue(OperationClient ops, String name) {
        return ops.ok("ops.queues", Map.of("queue", name)).path("queues").get(0);
    }

    @Test
    @Order(1)
    void with_no_worker_executed_jobs_are_the_queue_backlog_with_a_growing_age_and_a_started_worker_drains_it(
            LocalStack stack, Jobs jobs) {
        OperationClient ops = operator(stack);
        int count = 3;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText());
        }
        await().atMost(WAIT).until(() -> queue(ops, "clip").path("backlog").asLong() == count);
        JsonNode first = queue(ops, "clip");
        assertThat(first.path("queued").asLong()).isEqualTo(count);
        assertThat(first.path("workers_alive").asInt()).isZero();
        assertThat(first.path("partitions").findValuesAsText("owner")).isEmpty();
        sleep(Duration.ofSeconds(2));
        JsonNode later = queue(ops, "clip");
        assertThat(later.path("oldest_queued_age_seconds").asDouble())
                .isGreaterThan(first.path("oldest_queued_age_seconds").asDouble() + 1.5);
        await().atMost(WAIT).until(() -> gauge(stack, "geopera_queue_backlog", "queue=\"clip\"") == count
                && gauge(stack, "geopera_queue_oldest_queued_age_seconds", "queue=\"clip\"") >= 2);

        stack.startWorker(1);
        for (String id : ids) {
            assertThat(jobs.awaitEnd(id, WAIT).path("status").asText()).isEqualTo("succeeded");
        }
        await().atMost(WAIT).until(() -> queue(ops, "clip").path("backlog").asLong() == 0
                && gauge(stack, "geopera_queue_backlog", "queue=\"clip\"") == 0);
        JsonNode drained = queue(ops, "clip");
        assertThat(drained.path("queued").asLong()).isZero();
        assertThat(drained.path("throughput").path("last_5m").path("succeeded").asLong()).isEqualTo(count);
        await().atMost(WAIT).until(() -> ops.ok("ops.workers", Map.of()).path("workers").findValuesAsText("worker_id")
                .contains("worker-1"));
        JsonNode worker = ops.ok("ops.workers", Map.of()).path("workers").get(0);
        assertThat(worker.path("alive").asBoolean()).isTrue();
        assertThat(worker.path("slots").asInt()).isEqualTo(2);
        assertThat(queue(ops, "clip").path("partitions").findValuesAsText("owner")).contains("worker-1");
    }

    @Test
    @Order(2)
    void a_paused_queue_dispatches_nothing_and_loses_nothing_and_resume_dispatches_what_waited(LocalStack stack,
            Jobs jobs) {
        OperationClient ops = operator(stack);
        JsonNode paused = ops.ok("ops.queues.pause", Map.of("queue", "clip", "reason", "system test"));
        assertThat(paused.path("paused").asBoolean()).isTrue();
        String a = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText();
        String b = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText();
        sleep(Duration.ofSeconds(4));
        assertThat(jobs.get(a).path("status").asText()).isEqualTo("queued");
        assertThat(jobs.get(b).path("status").asText()).isEqualTo("queued");
        JsonNode held = queue(ops, "clip");
        assertThat(held.path("paused").asBoolean()).isTrue();
        assertThat(held.path("unpublished").asLong()).isEqualTo(2);
        assertThat(held.path("backlog").asLong()).isZero();

        ops.ok("ops.queues.resume", Map.of("queue", "clip"));
        for (String id : List.of(a, b)) {
            JsonNode done = jobs.awaitEnd(id, WAIT);
            assertThat(done.path("status").asText()).isEqualTo("succeeded");
            assertThat(done.path("attempt").asInt()).isEqualTo(1);
            assertThat(done.path("billing").path("status").asText()).isEqualTo("settled");
        }
        assertThat(queue(ops, "clip").path("unpublished").asLong()).isZero();
        JsonNode audit = ops.ok("ops.audit", Map.of("limit", 2)).path("entries");
        assertThat(audit.findValuesAsText("action")).containsExactly("ops.queues.resume", "ops.queues.pause");
    }

    @Test
    @Order(3)
    void a_job_whose_worker_was_killed_is_stuck_until_the_reaper_dispatches_it_again(LocalStack stack, Jobs jobs) {
        OperationClient ops = operator(stack);
        String jobId = jobs.executeClip("file:" + SyntheticRaster.FILE_NAME, Jobs.WIDE_AOI).path("job_id").asText();
        jobs.awaitStatus(jobId, Set.of("running"), WAIT);
        stack.killWorker(1);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> stuck(ops, jobId) != null);
        JsonNode stuck = stuck(ops, jobId);
        assertThat(stuck.path("reason").asText()).isEqualTo("stale_heartbeat");
        assertThat(stuck.path("worker_id").asText()).isEqualTo("worker-1");
        assertThat(stuck.path("attempt").asInt()).isEqualTo(1);
        // The reaper (heartbeat timeout 10 s) dispatches attempt 2; the job is queued again and no longer stuck.
        await().atMost(WAIT).until(() -> jobs.get(jobId).path("attempt").asInt() == 2);
        assertThat(stuck(ops, jobId)).isNull();
        await().atMost(WAIT).until(() -> !ops.ok("ops.workers", Map.of()).path("workers").get(0).path("alive")
                .asBoolean());

        stack.startWorker(1);
        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(180));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(done.path("billing").path("charged_credits").asLong())
                .isLessThanOrEqualTo(done.path("billing").path("reserved_credits").asLong());
        assertThat(stack.balance().path("pending").asLong()).isZero();
    }

    private static JsonNode stuck(OperationClient ops, String jobId) {
        for (JsonNode job : ops.ok("ops.jobs", Map.of("limit", 500)).path("stuck")) {
            if (jobId.equals(job.path("job_id").asText())) {
                return job;
            }
        }
        return null;
    }

    /** One gauge of the api's Prometheus scrape, e.g. {@code geopera_queue_backlog{queue="clip"}}. */
    static double gauge(LocalStack stack, String name, String labels) {
        String scrape;
        try {
            scrape = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
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
