package com.geopera.api.service;

import com.geopera.api.Job;
import com.geopera.api.JobChange;
import com.geopera.common.job.FailureCode;
import com.geopera.common.job.JobStatus;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.ProcessDescription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The job counters and histograms of {@code /q/metrics} (names and labels in docs/OPERATIONS-GUIDE.md "Metrics"):
 * what this replica applied to jobs — submissions, outcomes, run and queued-wait times, worker events, reaper actions
 * and settled credits. Each is counted after its transaction committed, from the job aggregate's applied changes
 * only: a redelivered event (a duplicate) or a refused change counts nothing, and a rolled back one neither.
 */
@ApplicationScoped
public class JobMetrics {
    /** What the reaper did ({@code action} of {@code geopera_reaper_actions_total}). */
    public enum ReaperAction {
        /** A running attempt without heartbeat dispatched again. */
        REDISPATCHED,
        /** A job failed {@code attempts_exhausted}. */
        EXHAUSTED,
        /** A queued job whose record a worker took without starting it dispatched again. */
        REPUBLISHED,
        /** A job failed because its hold expired. */
        EXPIRED;

        String label() {
            return name().toLowerCase();
        }
    }

    /** Failure codes that are none of ours (an engine's own) share one label value, so the series stay few. */
    static final String OTHER_CODE = "other";
    private static final Duration[] RUN_BUCKETS = buckets(1, 2, 5, 10, 30, 60, 120, 300, 600, 1_200, 1_800, 3_600,
            7_200, 14_400);
    private static final Duration[] WAIT_BUCKETS = buckets(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1_800,
            3_600);
    private static final double MILLIS_PER_SECOND = 1_000;

    @Inject
    MeterRegistry registry;
    @Inject
    Event<Counting> counting;
    @Inject
    ProcessService catalog;

    /** Counts to do once the transaction that made them committed (at once without one); a rollback drops them. */
    record Counting(Runnable step) {
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Counting counted) {
        counted.step().run();
    }

    /**
     * Registers at 0 every series whose labels are known up front (each process of the catalog, event types,
     * reaper actions), so that a rate over the first one counted is not lost.
     */
    void registerKnown(@Observes StartupEvent event) {
        for (ProcessDescription process : catalog.processes()) {
            for (String outcome : List.of("submitted", "succeeded", "cancelled")) {
                jobs(outcome, process.id(), process.queue());
            }
            runTime(process.id());
            queuedWait(process.id());
        }
        for (JobEventType type : JobEventType.values()) {
            eventsApplied(type);
        }
        for (ReaperAction action : ReaperAction.values()) {
            reaperActions(action);
        }
        creditsSettled();
    }

    /**
     * Counts a change the aggregate applied to {@code job}, the api applying it at {@code at}: created → queued is a
     * submission (and created → succeeded, a customer's own run, too); → succeeded, failed or cancelled an outcome,
     * with the run time (first start → end) of a job that started; queued → running the attempt's queued wait
     * (its queueing → the api applying its start, both on the api's clock). Anything else counts nothing.
     */
    public void applied(Job job, JobChange change, Instant at) {
        if (!(change instanceof JobChange.Applied applied) || !applied.moved()) {
            return;
        }
        JobStatus to = applied.to();
        String processId = job.processId;
        String queue = job.queue;
        boolean submitted = applied.from() == JobStatus.CREATED
                && (to == JobStatus.QUEUED || to == JobStatus.SUCCEEDED);
        Duration waited = applied.from() == JobStatus.QUEUED && to == JobStatus.RUNNING && job.queuedAt != null
                ? nonNegative(Duration.between(job.queuedAt, at)) : null;
        Duration ran = to.isTerminal() && job.startedAt != null && job.finishedAt != null
                ? nonNegative(Duration.between(job.startedAt, job.finishedAt)) : null;
        String failureCode = to == JobStatus.FAILED ? failureLabel(job.errorCode()) : null;
        afterCommit(() -> {
            if (submitted) {
                jobs("submitted", processId, queue).increment();
            }
            if (waited != null) {
                queuedWait(processId).record(waited);
            }
            switch (to) {
                case SUCCEEDED -> jobs("succeeded", processId, queue).increment();
                case CANCELLED -> jobs("cancelled", processId, queue).increment();
                case FAILED -> Counter.builder("geopera.jobs.failed").description("Jobs that failed, by error code")
                        .tags("process", processId, "queue", queue, "code", failureCode).register(registry)
                        .increment();
                default -> { }
            }
            if (ran != null) {
                runTime(processId).record(ran);
            }
        });
    }

    /** A worker event of {@code type} applied to its job (not a duplicate, not a stale attempt, not refused). */
    public void eventApplied(JobEventType type) {
        afterCommit(() -> eventsApplied(type).increment());
    }

    /** Credits the ledger posted when it settled a job. */
    public void settled(long postedCredits) {
        afterCommit(() -> creditsSettled().increment(postedCredits));
    }

    /** What one committed step of the reaper did. */
    public void reaped(ReaperAction action, int jobs) {
        if (jobs > 0) {
            afterCommit(() -> reaperActions(action).increment(jobs));
        }
    }

    private void afterCommit(Runnable step) {
        counting.fire(new Counting(step));
    }

    static String failureLabel(String code) {
        return code != null && FailureCode.fromWireName(code).isPresent() ? code : OTHER_CODE;
    }

    private Counter jobs(String outcome, String processId, String queue) {
        return Counter.builder("geopera.jobs." + outcome).description("Jobs " + outcome + ", by process and queue")
                .tags("process", processId, "queue", queue).register(registry);
    }

    private Timer runTime(String processId) {
        return Timer.builder("geopera.job.run").description("From a job's first start to its end, of jobs that ran")
                .tag("process", processId).serviceLevelObjectives(RUN_BUCKETS)
                .register(registry);
    }

    private Timer queuedWait(String processId) {
        return Timer.builder("geopera.job.queued.wait").description("From an attempt's queueing to its start")
                .tag("process", processId).serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry);
    }

    private Counter eventsApplied(JobEventType type) {
        return Counter.builder("geopera.events.applied").description("Worker events applied to jobs, by type")
                .tag("type", type.name()).register(registry);
    }

    private Counter reaperActions(ReaperAction action) {
        return Counter.builder("geopera.reaper.actions").description("What the reaper did to jobs")
                .tag("action", action.label()).register(registry);
    }

    private Counter creditsSettled() {
        return Counter.builder("geopera.credits.settled").description("Credits posted by settlements")
                .register(registry);
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static Duration[] buckets(double... seconds) {
        return Arrays.stream(seconds).mapToObj(s -> Duration.ofMillis(Math.round(s * MILLIS_PER_SECOND)))
                .toArray(Duration[]::new);
    }
}
