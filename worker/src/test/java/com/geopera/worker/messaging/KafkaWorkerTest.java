package com.geopera.worker.messaging;

import static com.geopera.worker.messaging.KafkaJobs.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the worker's Quarkus tests over the test broker share: the worker app's topic prefix and broker, and the
 * tests' side of its topics ({@link KafkaJobs}) for the whole class. Subclasses are {@code @QuarkusTest}s with
 * {@link KafkaTestResource}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KafkaWorkerTest {
    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaJobs jobs;

    @BeforeAll
    void connect() {
        jobs = new KafkaJobs(bootstrap, prefix);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        jobs.close();
    }

    /**
     * Frees this worker's two slots (cancels its long jobs), runs one more small clip, and checks that of all these
     * jobs and {@code ranElsewhere} the worker started the long ones and the last one, once each, and no other.
     */
    void freeTheSlotsAndRunOneMoreHere(DispatchJob long1, DispatchJob long2, List<DispatchJob> ranElsewhere)
            throws Exception {
        jobs.cancel(long1);
        jobs.cancel(long2);
        DispatchJob after = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI);
        jobs.dispatch(after);
        jobs.awaitEvent(after.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));

        List<String> all = new ArrayList<>(List.of(attempt(long1), attempt(long2), attempt(after)));
        ranElsewhere.forEach(job -> all.add(attempt(job)));
        assertThat(jobs.startedOf(all)).as("started here, once each")
                .containsExactlyInAnyOrder(attempt(long1), attempt(long2), attempt(after));
    }
}
