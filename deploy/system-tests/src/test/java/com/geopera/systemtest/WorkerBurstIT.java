package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workers share a burst while the dispatch share group changes under them: two workers of one slot, serving every
 * queue, leave the group each time their slot fills and join it again when it frees, and a third worker joins midway.
 * Every job still runs once, as attempt 1.
 */
class WorkerBurstIT {
    /** About 30 s of work for two one-slot workers, so that records are still queued when the third one joins. */
    private static final int JOBS = 36;

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(
            Inputs.withTestInputs(StackOptions.workers(2).withWorkerMaxConcurrentJobs(1)));

    @Test
    void workers_share_a_burst_a_worker_joining_midway_takes_its_part_and_no_job_runs_twice(
            LocalStack stack, Jobs jobs) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // A 0.2° square of the big raster: about a second of GDAL each, so records queue up behind the slots.
            ids.add(jobs.executeClip("file:" + SyntheticRaster.FILE_NAME, Jobs.SMALL_AOI).path("job_id").asText());
        }

        stack.startWorker(3);

        Map<String, Integer> perWorker = new HashMap<>();
        for (String id : ids) {
            JsonNode done = jobs.awaitEnd(id, Duration.ofSeconds(300));
            assertThat(done.path("status").asText()).as("job %s", id).isEqualTo("succeeded");
            assertThat(done.path("attempt").asInt()).as("job %s", id).isEqualTo(1);
            perWorker.merge(done.path("worker_id").asText(), 1, Integer::sum);
        }
        assertThat(perWorker).as("every worker, the joining one too, ran a part of the burst")
                .containsOnlyKeys("worker-1", "worker-2", "worker-3");
        try (EventLog events = new EventLog(stack)) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> ids.stream().allMatch(id -> events.count(id, "COMPLETED") > 0));
            assertThat(ids).allSatisfy(id -> {
                assertThat(events.count(id, "STARTED")).as("STARTED events of %s: %s", id, events.of(id))
                        .isEqualTo(1);
                assertThat(events.count(id, "COMPLETED")).as("COMPLETED events of %s: %s", id, events.of(id))
                        .isEqualTo(1);
            });
        }
        assertThat(stack.balance().path("pending").asLong()).isZero();
    }
}
