package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import com.geopera.common.retry.Backoff;
import com.geopera.imagery.ProcessingFailedException;
import com.geopera.imagery.RunCancelledException;
import com.geopera.imagery.RunResult;
import com.geopera.worker.RunningJob;
import com.geopera.worker.StopReason;
import com.geopera.worker.engine.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttemptExecutorTest {
    @TempDir
    Path root;
    private final List<JobEvent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final DispatchJob job = TestDispatches.dispatch("job_e", 1, "clip");
    /** The progress throttle's clock, moved by hand; the executor's own waits (retry backoff) use real time. */
    private final ProgressThrottleTest.MovableClock throttleClock =
            new ProgressThrottleTest.MovableClock(java.time.Instant.now());

    private AttemptExecutor executor(ProcessRunner runner) {
        return executor(runner, command -> Optional.empty());
    }

    private AttemptExecutor executor(ProcessRunner runner, AttemptGuard guard) {
        return new AttemptExecutor(runner, guard, new OutputStorage(root), new JobEvents("w1", Clock.systemUTC()),
                new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(20)),
                () -> new ProgressThrottle(Duration.ofSeconds(1), throttleClock), Duration.ofMinutes(1),
                Clock.systemUTC());
    }

    /** An admitted attempt: its STARTED went out (and is not among the events the tests look at). */
    private RunningJob running() {
        RunningJob running = new RunningJob(job, java.time.Instant.now(), event -> {
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        });
        running.report(new JobEvents("w1", Clock.systemUTC()).started(job));
        sent.clear();
        return running;
    }

    private static RunResult writeResult(Path dir) {
        try {
            Path file = Files.writeString(dir.resolve("clip.tif"), "cog");
            return new RunResult(List.of(new JobOutput("result", file.toUri().toString(), "image/tiff", 3,
                    Map.of())), new Usage(4, Map.of("pixels", 12)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JobEventType> types() {
        return sent.stream().map(JobEvent::type).toList();
    }

    @Test
    void an_attempt_its_preconditions_refuse_fails_with_their_code_and_is_never_run() {
        JobEvent end = executor((request, progress, token) -> {
            calls.incrementAndGet();
            return writeResult(request.outputDir());
        }, command -> Optional.of(new com.geopera.common.messaging.JobError(
                com.geopera.common.job.FailureCode.INPUT_CHANGED, "input 'image' changed", false)))
                .execute(running());

        assertThat(types()).containsExactly(JobEventType.FAILED);
        assertThat(end.error().code()).isEqualTo("input_changed");
        assertThat(calls.get()).isZero();
        assertThat(root.resolve("org_t/job_e")).doesNotExist();
    }

    @Test
    void a_successful_run_reports_progress_then_completed_with_outputs_in_the_attempt_directory() {
        JobEvent end = executor((request, progress, token) -> {
            progress.onProgress(0.2);
            throttleClock.advance(Duration.ofSeconds(1));
            progress.onProgress(0.5);
            return writeResult(request.outputDir());
        }).execute(running());

        assertThat(types()).containsExactly(JobEventType.PROGRESS, JobEventType.COMPLETED);
        assertThat(sent.get(0).progress()).as("the report within the first second is coalesced").isEqualTo(50);
        assertThat(end.outputs().get(0).href()).isEqualTo(root.resolve("org_t/job_e/1/clip.tif").toUri().toString());
        assertThat(end.usage().credits()).isEqualTo(4);
        assertThat(root.resolve("org_t/job_e/1/clip.tif")).exists();
    }

    @Test
    void a_transient_failure_is_retried_in_the_worker_with_a_fresh_directory() {
        JobEvent end = executor((request, progress, token) -> {
            assertThat(request.outputDir()).isEmptyDirectory();
            if (calls.incrementAndGet() < 3) {
                writeResult(request.outputDir());
                throw new ProcessingFailedException("fetch_timeout", "remote input timed out", true);
            }
            return writeResult(request.outputDir());
        }).execute(running());

        assertThat(calls).hasValue(3);
        assertThat(end.type()).isEqualTo(JobEventType.COMPLETED);
    }

    @Test
    void a_transient_failure_that_persists_fails_as_retryable_after_the_last_try() {
        JobEvent end = executor((request, progress, token) -> {
            calls.incrementAndGet();
            throw new ProcessingFailedException("fetch_timeout", "remote input timed out", true);
        }).execute(running());

        assertThat(calls).hasValue(3);
        assertThat(end.type()).isEqualTo(JobEventType.FAILED);
        assertThat(end.error().code()).isEqualTo("fetch_timeout");
        assertThat(end.error().retryable()).isTrue();
    }

    @Test
    void a_permanent_failure_fails_at_once_and_leaves_no_files() {
        JobEvent end = executor((request, progress, token) -> {
            calls.incrementAndGet();
            writeResult(request.outputDir());
            throw new ProcessingFailedException("not_a_raster", "input is not a raster", false);
        }).execute(running());

        assertThat(calls).hasValue(1);
        assertThat(types()).containsExactly(JobEventType.FAILED);
        assertThat(end.error().code()).isEqualTo("not_a_raster");
        assertThat(end.error().retryable()).isFalse();
        assertThat(root.resolve("org_t/job_e")).isEmptyDirectory();
    }

    @Test
    void a_cancelled_run_reports_cancelled_and_nothing_after_it() {
        RunningJob running = running();
        JobEvent end = executor((request, progress, token) -> {
            running.stop(StopReason.CANCEL_REQUESTED);
            assertThat(token.isCancelled()).isTrue();
            throw new RunCancelledException("cancelled");
        }).execute(running);

        assertThat(end.type()).isEqualTo(JobEventType.CANCELLED);
        running.report(new JobEvents("w1", Clock.systemUTC()).heartbeat(job, 10));
        assertThat(types()).containsExactly(JobEventType.CANCELLED);
    }

    @Test
    void a_run_past_the_timeout_fails_with_code_timeout() {
        RunningJob running = running();
        JobEvent end = executor((request, progress, token) -> {
            running.stop(StopReason.TIMED_OUT);
            throw new RunCancelledException("stopped");
        }).execute(running);

        assertThat(end.error().code()).isEqualTo(AttemptExecutor.TIME_LIMIT_EXCEEDED);
    }

    @Test
    void a_run_stopped_by_shutdown_reports_nothing() {
        RunningJob running = running();
        JobEvent end = executor((request, progress, token) -> {
            running.stop(StopReason.SHUTTING_DOWN);
            throw new RunCancelledException("stopped");
        }).execute(running);

        assertThat(end).isNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void an_unexpected_error_fails_the_job_as_internal_error() {
        JobEvent end = executor((request, progress, token) -> {
            throw new IllegalStateException("boom");
        }).execute(running());

        assertThat(end.error().code()).isEqualTo(AttemptExecutor.INTERNAL_ERROR);
    }
}
