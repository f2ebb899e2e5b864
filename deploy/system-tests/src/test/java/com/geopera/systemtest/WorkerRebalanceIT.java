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
 * A worker joins while the others are busy and each holds a record waiting for its only slot: the consumer group
 * rebalances mid-burst, and still no attempt runs twice.
 */
class WorkerRebalanceIT {
    /** About 30 s of work for two one-slot workers, so that records are still queued when the third one joins. */
    private static final int JOBS = 36;

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(
            Inputs.withTestInputs(StackOptions.workers(2).withWorkerMaxConcurrentJobs(1)));

    @Test
    void a_worker_joining_mid_burst_takes_over_waiting_records_and_no_attempt_starts_twice(
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
        assertThat(perWorker).as("the joining worker took over partitions with queued records: %s", perWorker)
                .containsKey("worker-3");
        try (EventLog events = new EventLog(stack)) {
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> ids.stream().allMatch(id -> events.count(id, "COMPLETED") > 0));
            assertThat(ids).allSatisfy(id -> {
                assertThat(events.count(id, "STARTED")).as("STARTED events of %s", id).isEqualTo(1);
                assertThat(events.count(id, "COMPLETED")).as("COMPLETED events of %s", id).isEqualTo(1);
            });
        }
        assertThat(stack.balance().path("pending").asLong()).isZero();
    }
}
