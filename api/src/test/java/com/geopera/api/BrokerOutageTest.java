package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.api.store.OutboxStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real broker outage: the api runs against a broker of its own ({@link OwnServers}), which the test stops and
 * starts again. It needs an app start of its own (test profile), which runs in a JVM of its own (tag {@code own-app},
 * see api/pom.xml); the other tests' shared broker is never touched.
 */
@QuarkusTest
@TestProfile(OwnServers.Profile.class)
@Tag("own-app")
class BrokerOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    OutboxStore outbox;
    @Inject
    MeterRegistry metrics;

    private double failedRelayRounds() {
        return metrics.counter("geopera.outbox.failed.rounds").count();
    }

    @Test
    void executes_are_accepted_while_kafka_is_down_and_dispatched_when_it_returns() {
        Fixture org = Fixture.org(100_000);
        PrivateBroker.stopBroker();
        double failedBefore = failedRelayRounds();
        // The outbox absorbs the outage, so the api stays in the load balancer meanwhile.
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).as(ready.asString()).isEqualTo(200);

        Response executed = org.call("processing.execute", org.clipBody());
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
        String jobId = executed.path("job_id");
        // The relay tried to publish against the stopped broker, failed, and kept the command.
        await().atMost(WAIT).until(() -> failedRelayRounds() > failedBefore);
        assertThat(outbox.unsentFor(jobId)).isEqualTo(1);
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("queued");
        // Still ready once the relay and the event consumer have met the stopped broker.
        Response stillReady = given().get("/q/health/ready");
        assertThat(stillReady.statusCode()).as(stillReady.asString()).isEqualTo(200);

        PrivateBroker.startBroker();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> outbox.unsentFor(jobId) == 0);
        assertThat(KafkaProbe.recordsWithKey(RealServers.prefix + ".jobs.dispatch.clip", jobId, WAIT))
                .as("DispatchJob records of " + jobId).hasSize(1);
        // An outage is no fault of the record: it was never parked and its job was not failed.
        assertThat(outbox.parkedFor(jobId)).isZero();
        assertThat(org.call("processing.job.get", Map.of("job_id", jobId)).<String>path("status")).isEqualTo("queued");
    }
}
