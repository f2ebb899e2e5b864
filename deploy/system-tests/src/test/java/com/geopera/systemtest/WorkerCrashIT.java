package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Processes die mid-flow: a worker by SIGKILL, the api by restart. Jobs still end once, paid at most once. */
class WorkerCrashIT {
    private static LocalStack stack;
    private static Jobs jobs;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(Inputs.withTestInputs(StackOptions.workers(2)));
        jobs = new Jobs(stack);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void a_job_whose_worker_is_killed_mid_run_still_ends_and_is_charged_at_most_once() {
        String jobId = jobs.executeClip("file:" + SyntheticRaster.FILE_NAME, Jobs.WIDE_AOI).path("job_id").asText();
        JsonNode running = jobs.awaitStatus(jobId, Set.of("running"), Duration.ofSeconds(60));
        String victim = running.path("worker_id").asText();
        int victimNumber = Integer.parseInt(victim.substring("worker-".length()));

        stack.killWorker(victimNumber);
        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(180));

        assertThat(done.path("status").asText()).isIn("succeeded", "failed");
        JsonNode billing = done.path("billing");
        if ("succeeded".equals(done.path("status").asText())) {
            assertThat(done.path("attempt").asInt()).isGreaterThan(1);
            assertThat(done.path("worker_id").asText()).isNotEqualTo(victim);
            assertThat(billing.path("status").asText()).isEqualTo("settled");
        } else {
            assertThat(billing.path("status").asText()).isEqualTo("released");
        }
        assertThat(billing.path("charged_credits").asLong())
                .isLessThanOrEqualTo(billing.path("reserved_credits").asLong());
        JsonNode balance = stack.balance();
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(balance.path("invariants_ok").asBoolean()).isTrue();
        try (EventLog events = new EventLog(stack)) {
            events.awaitEvent(jobId, done.path("status").asText().equals("succeeded") ? "COMPLETED" : "FAILED",
                    Duration.ofSeconds(10));
            assertThat(events.count(jobId, "COMPLETED")).isLessThanOrEqualTo(1);
        }
        stack.startWorker(victimNumber);
    }

    @Test
    void restarting_the_api_mid_flow_loses_no_job_and_no_credit() {
        long availableBefore = stack.balance().path("available").asLong();
        int count = 8;
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText();
        }

        stack.restartApi();

        long charged = 0;
        for (String id : ids) {
            JsonNode done = jobs.awaitEnd(id, Duration.ofSeconds(120));
            assertThat(done.path("status").asText()).as("job %s", id).isEqualTo("succeeded");
            assertThat(done.path("billing").path("status").asText()).isEqualTo("settled");
            charged += done.path("billing").path("charged_credits").asLong();
        }
        JsonNode balance = stack.balance();
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(balance.path("available").asLong()).isEqualTo(availableBefore - charged);
        assertThat(balance.path("invariants_ok").asBoolean()).isTrue();
    }
}
