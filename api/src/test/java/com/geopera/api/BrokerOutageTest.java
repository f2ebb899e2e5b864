package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.api.store.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real broker outage: the api runs against a broker of its own ({@link PrivateBroker}), which the test stops and
 * starts again. It needs an app start of its own (test profile), which runs in a JVM of its own (tag {@code own-app},
 * see api/pom.xml); the other tests' shared broker is never touched.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
@Tag("own-app")
class BrokerOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** The api with {@link PrivateBroker} instead of the shared servers. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateBroker.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Retry soon after the broker is back, so the test does not wait out the default pause.
            return Map.of("geopera.outbox.retry-backoff", "PT0.5S");
        }
    }

    @Inject
    OutboxStore outbox;
    @Inject
    MeterRegistry metrics;

    private double failedRelayRounds() {
        return metrics.counter("geopera.outbox.failed.rounds").count();
    }

    @Test
    void a_job_executed_while_the_broker_is_stopped_is_dispatched_exactly_once_after_the_broker_restarts() {
        Fixture org = Fixture.org(100_000);
        PrivateBroker.stopBroker();
        double failedBefore = failedRelayRounds();

        Response executed = org.call("processing.execute", org.clipBody());
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        String jobId = executed.path("job_id");
        // The relay tried to publish against the stopped broker, failed, and kept the command.
        await().atMost(WAIT).until(() -> failedRelayRounds() > failedBefore);
        assertThat(outbox.unsentFor(jobId)).isEqualTo(1);
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("queued");

        PrivateBroker.startBroker();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> outbox.unsentFor(jobId) == 0);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.dispatch.clip", jobId, WAIT))
                .as("DispatchJob records of " + jobId).hasSize(1);
        // An outage is no fault of the record: it was never parked and its job was not failed.
        assertThat(outbox.parkedFor(jobId)).isZero();
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("queued");
    }
}
