package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import com.geopera.common.retry.Backoff;
import com.geopera.imagery.RunResult;
import com.geopera.worker.Admission;
import com.geopera.worker.service.JobWatchdog.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobWatchdogTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(60);

    @TempDir
    Path root;
    private final ProgressThrottleTest.MovableClock clock = new ProgressThrottleTest.MovableClock(T0);
    private final List<JobEvent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger exitStatus = new AtomicInteger(-1);
    private final AtomicBoolean nativeCallMayReturn = new AtomicBoolean();

    @AfterEach
    void letTheStuckCallGo() {
        nativeCallMayReturn.set(true);
    }

    private static Verdict at(Duration sinceStart, boolean abandoned, boolean inside) {
        return JobWatchdog.verdict(T0, T0.plus(sinceStart), LIMIT, STOP_GRACE, EXIT_GRACE, abandoned, inside);
    }

    @Test
    void a_run_within_its_time_limit_is_left_alone() {
        assertThat(at(Duration.ZERO, false, true)).isEqualTo(Verdict.LEAVE);
        assertThat(at(LIMIT, false, true)).isEqualTo(Verdict.LEAVE);
    }

    @Test
    void a_run_past_its_time_limit_is_asked_to_stop_and_abandoned_only_after_the_stop_grace() {
        assertThat(at(LIMIT.plusSeconds(1), false, true)).isEqualTo(Verdict.STOP);
        assertThat(at(LIMIT.plus(STOP_GRACE), false, true)).isEqualTo(Verdict.STOP);
        assertThat(at(LIMIT.plus(STOP_GRACE).plusSeconds(1), false, true)).isEqualTo(Verdict.ABANDON);
        // A run that already left its thread is finishing by itself: nothing to abandon.
        assertThat(at(LIMIT.plus(STOP_GRACE).plusSeconds(1), false, false)).isEqualTo(Verdict.STOP);
    }

    @Test
    void an_abandoned_run_ends_the_process_only_if_its_thread_stays_stuck_past_the_exit_grace() {
        Duration abandonedAt = LIMIT.plus(STOP_GRACE).plusSeconds(1);
        assertThat(at(abandonedAt, true, true)).isEqualTo(Verdict.LEAVE);
        assertThat(at(LIMIT.plus(STOP_GRACE).plus(EXIT_GRACE), true, true)).isEqualTo(Verdict.LEAVE);
        assertThat(at(LIMIT.plus(STOP_GRACE).plus(EXIT_GRACE).plusSeconds(1), true, true)).isEqualTo(Verdict.EXIT);
        assertThat(at(LIMIT.plus(STOP_GRACE).plus(EXIT_GRACE).plusSeconds(1), true, false)).isEqualTo(Verdict.LEAVE);
    }

    /**
     * A run that blocks and ignores both its cancellation token and interruption, as a GDAL call without progress
     * callbacks does; the other jobs finish at once.
     */
    private RunResult run(com.geopera.imagery.RunRequest request, CountDownLatch stuckEntered) throws Exception {
        if (request.jobId().equals("job_stuck")) {
            stuckEntered.countDown();
            while (!nativeCallMayReturn.get()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        Path file = Files.writeString(request.outputDir().resolve("out.tif"), "cog");
        return new RunResult(List.of(new JobOutput("result", file.toUri().toString(), "image/tiff", 3, Map.of())),
                new Usage(1, Map.of()));
    }

    private List<JobEventType> eventsOf(String jobId) {
        return sent.stream().filter(e -> e.jobId().equals(jobId)).map(JobEvent::type).toList();
    }

    @Test
    void a_gdal_call_without_progress_callbacks_is_stopped_at_the_time_limit_and_its_slot_freed() throws Exception {
        CountDownLatch stuckEntered = new CountDownLatch(1);
        JobEvents events = new JobEvents("w1", clock);
        RunningJobs running = new RunningJobs(Duration.ofMinutes(10), clock);
        JobSlots slots = new JobSlots(1);
        AttemptExecutor executor = new AttemptExecutor((request, progress, token) -> {
            try {
                return run(request, stuckEntered);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, command -> Optional.empty(), new OutputStorage(root), events,
                new Backoff(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                () -> new ProgressThrottle(Duration.ofSeconds(1), clock), LIMIT, clock);
        JobLauncher launcher = new JobLauncher(slots, running, executor, events, event -> {
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }, new WorkerMetrics(new SimpleMeterRegistry(), running, slots), clock, TestWorkerConfig.withSlots(1));
        JobWatchdog watchdog = new JobWatchdog(running, launcher, events, clock, LIMIT, STOP_GRACE, EXIT_GRACE,
                (status, reason) -> exitStatus.set(status));

        DispatchJob stuck = TestDispatches.dispatch("job_stuck", 1, "clip");
        assertThat(launcher.admit(stuck).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Admission.STARTED);
        assertThat(stuckEntered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletionStage<Admission> next = launcher.admit(TestDispatches.dispatch("job_next", 1, "clip"));

        clock.advance(LIMIT.plusSeconds(1));
        watchdog.check();
        assertThat(running.all()).singleElement().satisfies(job -> assertThat(job.isCancelled()).isTrue());
        assertThat(next.toCompletableFuture()).isNotDone(); // the token is set, but the call does not look at it

        clock.advance(STOP_GRACE);
        watchdog.check();
        assertThat(eventsOf("job_stuck")).containsExactly(JobEventType.STARTED, JobEventType.FAILED);
        JobEvent failed = sent.stream().filter(e -> e.type() == JobEventType.FAILED).findFirst().orElseThrow();
        assertThat(failed.error().code()).isEqualTo("time_limit_exceeded");
        assertThat(failed.error().retryable()).isFalse();
        // The slot is free again: the next job gets it and runs to its end.
        assertThat(next.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo(Admission.STARTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf("job_next").contains(JobEventType.COMPLETED));
        assertThat(watchdog.stuck()).isEqualTo(1);
        assertThat(exitStatus.get()).isEqualTo(-1);

        // The native thread is still stuck after the exit grace: the worker ends itself to be restarted.
        clock.advance(EXIT_GRACE);
        watchdog.check();
        assertThat(exitStatus.get()).isEqualTo(JobWatchdog.STUCK_NATIVE_CALL_EXIT_STATUS);

        // When the call finally returns, nothing of it is reported or kept.
        nativeCallMayReturn.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> watchdog.stuck() == 0 && slots.inUse() == 0);
        assertThat(eventsOf("job_stuck")).containsExactly(JobEventType.STARTED, JobEventType.FAILED);
        assertThat(root.resolve("org_t").resolve("job_stuck").resolve("1")).doesNotExist(); // never promoted
        // Its slot was freed once, not a second time when the call returned.
        assertThat(slots.acquire()).isCompletedWithValue(true);
        assertThat(slots.acquire()).isNotDone();
    }
}
