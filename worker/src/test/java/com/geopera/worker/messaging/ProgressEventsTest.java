package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How many events a real job costs (each is a Kafka record, a job_events row and an api transaction): a clip of the
 * elevation sample, run by the worker app with real GDAL, reports STARTED and COMPLETED and, when it took less than
 * a second, nothing else; no PROGRESS leaves within the first second of a run or within a second of the previous.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressEventsTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @ConfigProperty(name = "geopera.topics.prefix")
    String prefix;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaJobs jobs;

    @BeforeAll
    void connect() {
        jobs = new KafkaJobs(bootstrap, prefix);
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        jobs.close();
    }

    @Test
    void a_short_clip_sends_at_most_three_events_and_progress_at_most_once_a_second() throws Exception {
        int subSecondRuns = 0;
        for (int run = 0; run < 3; run++) {
            DispatchJob job = KafkaJobs.clip("file:elev.tif", KafkaJobs.LUX_AOI);
            jobs.dispatch(job);
            jobs.awaitEvent(job.jobId(), JobEventType.COMPLETED, Duration.ofSeconds(60));
            List<JobEvent> events = jobs.eventsOf(job.jobId());
            JobEvent started = events.get(0);
            JobEvent completed = events.get(events.size() - 1);
            Duration ran = Duration.between(started.occurredAt(), completed.occurredAt());
            List<JobEvent> progress = events.stream().filter(e -> e.type() == JobEventType.PROGRESS).toList();
            System.out.printf("clip of elev.tif: ran %d ms, %d events (%s)%n", ran.toMillis(), events.size(),
                    events.stream().map(JobEvent::type).toList());

            assertThat(started.type()).isEqualTo(JobEventType.STARTED);
            assertThat(completed.type()).isEqualTo(JobEventType.COMPLETED);
            if (ran.compareTo(SECOND) < 0) {
                subSecondRuns++;
                assertThat(events).as("a sub-second job").hasSizeLessThanOrEqualTo(3);
                assertThat(progress).as("a sub-second job").isEmpty();
            }
            JobEvent previous = started;
            for (JobEvent each : progress) {
                assertThat(Duration.between(previous.occurredAt(), each.occurredAt()))
                        .as("PROGRESS after STARTED or the previous PROGRESS").isGreaterThanOrEqualTo(SECOND);
                previous = each;
            }
        }
        // The rule above is only checked on runs that were short: at least one of three must have been, or the
        // machine is too loaded for this test to say anything.
        assertThat(subSecondRuns).as("clips of elev.tif that ran under a second").isPositive();
    }
}
