package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.systemtest.bench.FairnessMix;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fair use of every slot (issue 18): 2 workers of 2 slots get 3 long clips first, then 10 short ones. A short job
 * may wait while a slot is idle only for the dispatch share group's hand-over or a poll (docs/WORKER.md, "Dispatch"),
 * never for a long job on a busy worker to end. Every job runs once and is charged once. The subclasses name the
 * workers.
 *
 * <p>The bound is relative to the long jobs' own runs, so that it separates the two cases on a fast machine and on a
 * loaded one alike: a job left behind a busy worker waits for the rest of a long run (the classic consumer group:
 * a 22.6 s stretch on 24.6 s runs), a hand-over or a poll takes a small part of one (0.7–1.4 s on 29 s runs here,
 * 4.9 s on 61 s runs on a loaded 2-core CI machine).
 */
abstract class FairDispatchCheck {
    static final int WORKERS = 2;
    static final int SLOTS = 2;
    private static final int LONG_JOBS = 3;
    private static final int SHORT_JOBS = 10;

    /** A slot may idle while a job waits for less than this part of the shortest long run. */
    private static final int PART_OF_A_LONG_RUN = 4;

    /** The stack: {@value #WORKERS} workers of {@value #SLOTS} slots, credits for every job. */
    static StackOptions workers() {
        return Inputs.withTestInputs(
                StackOptions.workers(WORKERS).withWorkerMaxConcurrentJobs(SLOTS).withCredits(1_000_000_000L));
    }

    @Test
    void short_jobs_never_wait_for_a_busy_worker_while_a_slot_is_free_and_every_job_runs_and_is_charged_once(
            LocalStack stack) {
        long postedBefore = stack.balance().path("posted").asLong();

        FairnessMix.Result result = new FairnessMix(LONG_JOBS, SHORT_JOBS, true, Map.of())
                .run(stack, WORKERS * SLOTS, Duration.ofMinutes(15));
        System.out.println(getClass().getSimpleName() + ": " + result.summary()); // the measurement docs/WORKER.md quotes

        Duration shortestLongRun = result.longRuns().stream().min(Duration::compareTo).orElseThrow();
        assertThat(result.timeline().longestIdleWhileWaiting()).as(result.summary())
                .isLessThan(shortestLongRun.dividedBy(PART_OF_A_LONG_RUN));
        assertThat(result.jobs()).hasSize(LONG_JOBS + SHORT_JOBS);
        assertThat(result.jobs().values()).allSatisfy(job -> {
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.path("attempt").asInt()).as(job.toString()).isEqualTo(1);
        });
        try (EventLog events = new EventLog(stack)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> result.jobs().keySet().stream().allMatch(id -> events.count(id, "COMPLETED") > 0));
            assertThat(result.jobs().keySet()).allSatisfy(id -> {
                assertThat(events.count(id, "STARTED")).as("STARTED events of %s", id).isEqualTo(1);
                assertThat(events.count(id, "COMPLETED")).as("COMPLETED events of %s", id).isEqualTo(1);
            });
        }
        long charged = result.jobs().values().stream()
                .mapToLong(job -> job.path("billing").path("charged_credits").asLong()).sum();
        JsonNode balance = stack.balance();
        assertThat(charged).isPositive();
        assertThat(postedBefore - balance.path("posted").asLong()).as("posted credits charged once per job")
                .isEqualTo(charged);
        assertThat(balance.path("pending").asLong()).isZero();
        assertThat(balance.path("invariants_ok").asBoolean()).isTrue();
    }
}
