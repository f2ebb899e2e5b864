package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunningJobsTest {
    private final ProgressThrottleTest.MovableClock clock =
            new ProgressThrottleTest.MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RunningJobs jobs = new RunningJobs(Duration.ofMinutes(10), clock);

    private RunningJob running(String jobId, int attempt) {
        return new RunningJob(TestDispatches.dispatch(jobId, attempt, "clip"), clock.instant(),
                event -> CompletableFuture.completedFuture(null));
    }

    @Test
    void the_same_attempt_is_registered_only_once() {
        assertThat(jobs.add(running("job_a", 1))).isTrue();
        assertThat(jobs.add(running("job_a", 1))).isFalse();
        assertThat(jobs.add(running("job_a", 2))).isTrue();
    }

    @Test
    void a_cancel_stops_every_running_attempt_of_the_job_and_no_other() {
        RunningJob first = running("job_a", 1);
        RunningJob other = running("job_b", 1);
        jobs.add(first);
        jobs.add(other);
        assertThat(jobs.cancel("job_a")).isEqualTo(1);
        assertThat(first.stopReason()).contains(StopReason.CANCEL_REQUESTED);
        assertThat(other.isCancelled()).isFalse();
    }

    @Test
    void a_cancel_is_remembered_for_a_while_for_jobs_not_yet_here() {
        jobs.cancel("job_later");
        assertThat(jobs.wasCancelled("job_later")).isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(jobs.wasCancelled("job_later")).isFalse();
    }

    @Test
    void a_cancel_of_one_attempt_stops_that_attempt_only_and_its_record_is_superseded_from_then_on() {
        RunningJob first = running("job_a", 1);
        RunningJob second = running("job_a", 2);
        jobs.add(first);
        jobs.add(second);
        assertThat(jobs.cancelAttempt("job_a", 1)).isEqualTo(1);
        assertThat(first.stopReason()).contains(StopReason.CANCEL_REQUESTED);
        assertThat(second.isCancelled()).isFalse();
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 1, "clip"))).isFalse();
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 2, "clip"))).isTrue();
        assertThat(jobs.wasCancelled("job_a")).isFalse(); // the job itself is not cancelled
    }

    @Test
    void a_record_of_an_attempt_older_than_one_already_seen_is_superseded() {
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 2, "clip"))).isTrue();
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 1, "clip"))).isFalse();
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 2, "clip"))).isTrue(); // a redelivery is no older
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_b", 1, "clip"))).isTrue();
        clock.advance(Duration.ofMinutes(11));
        assertThat(jobs.takeDispatch(TestDispatches.dispatch("job_a", 1, "clip"))).isTrue(); // forgotten after the memory
    }
}
