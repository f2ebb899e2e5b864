package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three workers share a burst of jobs. */
class WorkerBurstIT {
    private static final int JOBS = 45;

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(StackOptions.workers(3));

    @Test
    void three_workers_share_a_burst_all_jobs_complete_none_twice_and_the_work_spreads(LocalStack stack, Jobs jobs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText());
        }

        Map<String, Integer> perWorker = new HashMap<>();
        for (String id : ids) {
            JsonNode done = jobs.awaitEnd(id, Duration.ofSeconds(180));
            assertThat(done.path("status").asText()).as("job %s", id).isEqualTo("succeeded");
            perWorker.merge(done.path("worker_id").asText(), 1, Integer::sum);
        }

        assertThat(perWorker.keySet()).as("workers that ran jobs: %s", perWorker).hasSizeGreaterThanOrEqualTo(2);
        assertThat(perWorker.values()).allSatisfy(n -> assertThat(n).isLessThan(JOBS));
        try (EventLog events = new EventLog(stack)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.completedPerJob().size() >= JOBS);
            assertThat(events.completedPerJob()).allSatisfy((job, completions) ->
                    assertThat(completions).as("completions of %s", job).isEqualTo(1L));
        }
        assertThat(stack.balance().path("pending").asLong()).isZero();
    }
}
