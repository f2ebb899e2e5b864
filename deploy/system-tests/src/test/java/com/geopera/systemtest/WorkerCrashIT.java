package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Processes die mid-flow: a worker by SIGKILL, the api by restart. Jobs still end once, paid at most once. */
class WorkerCrashIT {
    @RegisterExtension
    static final PerClassStack system = new PerClassStack(Inputs.withTestInputs(StackOptions.workers(2)));

    @Test
    void a_job_whose_worker_is_killed_mid_run_still_ends_and_is_charged_at_most_once(LocalStack stack, Jobs jobs) {
        String jobId = null;
        String victim = null;
        int victimNumber = 0;
        // Freeze the worker first, then make sure the job had not already finished: on a quiet machine the clip
        // can end between "running" being seen and the kill, and then there would be nothing to recover.
        for (int tries = 1; jobId == null; tries++) {
            String candidate = jobs.executeClip("file:" + SyntheticRaster.FILE_NAME, Jobs.WIDE_AOI).path("job_id").asText();
            JsonNode running = jobs.awaitStatus(candidate, Set.of("running"), Duration.ofSeconds(60));
            String worker = running.path("worker_id").asText();
            int number = Integer.parseInt(worker.substring("worker-".length()));
            stack.freezeWorker(number);
            sleep(Duration.ofSeconds(2));
            if ("running".equals(jobs.get(candidate).path("status").asText())) {
                jobId = candidate;
                victim = worker;
                victimNumber = number;
            } else {
                stack.thawWorker(number);
                assertThat(tries).as("a clip that outlives its worker's freeze").isLessThan(3);
            }
        }

        stack.killWorker(victimNumber);
        JsonNode done = jobs.awaitEnd(jobId, Duration.ofSeconds(180));

        assertThat(done.path("status").asText()).isIn("succeeded", "failed");
        JsonNode billing = done.path("billing");
        if ("succeeded".equals(done.path("status").asText())) {
            // Recovered either by Kafka (the victim left the group before its offset was committed, so the surviving
            // worker got the same attempt) or by the reaper (no heartbeat: attempt + 1); either way another worker.
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void restarting_the_api_mid_flow_loses_no_job_and_no_credit(LocalStack stack, Jobs jobs) {
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
