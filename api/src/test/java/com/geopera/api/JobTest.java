package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.JobChange.Applied;
import com.geopera.api.JobChange.Refused;
import com.geopera.api.JobChange.StaleAttempt;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.FailureCode;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.EventOutcome;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The job aggregate's rules, without a server: every intent from every status, stale attempts, repeated events. */
class JobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = T0.plusSeconds(60);
    private static final int ATTEMPT = 2;
    private static final long HELD = 40;
    private static final JsonNode OUTPUTS = Json.mapper().createArrayNode().add(Json.mapper().createObjectNode()
            .put("name", "result"));

    /** An intent applied with the job's current attempt; the function answers the change. */
    private enum Intent {
        QUEUE((job, now) -> job.queue(HELD, now)),
        COMPLETE_SELF_RUN((job, now) -> job.completeSelfRun(HELD, OUTPUTS, now)),
        START((job, now) -> job.start(job.attempt(), "w-1", now, now)),
        PROGRESS((job, now) -> job.progress(job.attempt(), 50, "w-1", now, now)),
        COMPLETE((job, now) -> job.complete(job.attempt(), OUTPUTS, "w-1", now)),
        FAIL_ATTEMPT((job, now) -> job.fail(job.attempt(), "not_a_raster", "not a raster", now)),
        FAIL((job, now) -> job.fail(FailureCode.ATTEMPTS_EXHAUSTED, "no heartbeat", now)),
        CANCEL((job, now) -> job.cancel(now)),
        CANCEL_ATTEMPT((job, now) -> job.cancel(job.attempt(), now)),
        EXPIRE((job, now) -> job.expire("never dispatched", now)),
        EXPIRE_HOLD((job, now) -> job.expireHold(now)),
        REDISPATCH((job, now) -> job.redispatch(now));

        final BiFunction<Job, Instant, JobChange> apply;

        Intent(BiFunction<Job, Instant, JobChange> apply) {
            this.apply = apply;
        }
    }

    /** For each intent: the statuses it is taken from, and the status it leaves the job in. */
    private static final Map<Intent, Map<JobStatus, JobStatus>> LEGAL = Map.ofEntries(
            Map.entry(Intent.QUEUE, Map.of(JobStatus.CREATED, JobStatus.QUEUED)),
            Map.entry(Intent.COMPLETE_SELF_RUN, Map.of(JobStatus.CREATED, JobStatus.SUCCEEDED)),
            Map.entry(Intent.START, Map.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.RUNNING)),
            Map.entry(Intent.PROGRESS, Map.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RUNNING,
                    JobStatus.RUNNING)),
            Map.entry(Intent.COMPLETE, Map.of(JobStatus.QUEUED, JobStatus.SUCCEEDED, JobStatus.RUNNING,
                    JobStatus.SUCCEEDED)),
            Map.entry(Intent.FAIL_ATTEMPT, toAll(EnumSet.of(JobStatus.CREATED, JobStatus.QUEUED, JobStatus.RUNNING),
                    JobStatus.FAILED)),
            Map.entry(Intent.FAIL, toAll(EnumSet.of(JobStatus.CREATED, JobStatus.QUEUED, JobStatus.RUNNING),
                    JobStatus.FAILED)),
            Map.entry(Intent.CANCEL, toAll(EnumSet.of(JobStatus.CREATED, JobStatus.QUEUED, JobStatus.RUNNING),
                    JobStatus.CANCELLED)),
            Map.entry(Intent.CANCEL_ATTEMPT, toAll(EnumSet.of(JobStatus.CREATED, JobStatus.QUEUED,
                    JobStatus.RUNNING), JobStatus.CANCELLED)),
            Map.entry(Intent.EXPIRE, Map.of(JobStatus.CREATED, JobStatus.FAILED)),
            Map.entry(Intent.EXPIRE_HOLD, toAll(EnumSet.of(JobStatus.CREATED, JobStatus.QUEUED, JobStatus.RUNNING),
                    JobStatus.FAILED)),
            Map.entry(Intent.REDISPATCH, Map.of(JobStatus.QUEUED, JobStatus.QUEUED, JobStatus.RUNNING,
                    JobStatus.QUEUED)));

    private static Map<JobStatus, JobStatus> toAll(Set<JobStatus> from, JobStatus to) {
        Map<JobStatus, JobStatus> moves = new EnumMap<>(JobStatus.class);
        from.forEach(status -> moves.put(status, to));
        return moves;
    }

    private static Job in(JobStatus status) {
        int attempt = status == JobStatus.CREATED ? 0 : ATTEMPT;
        BillingStatus billing = status == JobStatus.CREATED ? BillingStatus.NONE : BillingStatus.RESERVED;
        Job job = Job.stored(status, attempt, null, null,
                new Job.Billing(billing, billing == BillingStatus.NONE ? 0 : HELD, 0, 0));
        job.jobId = "job_1";
        job.updatedAt = T0;
        return job;
    }

    @ParameterizedTest(name = "{0} from every status")
    @EnumSource(Intent.class)
    void every_intent_is_taken_only_from_its_statuses_and_leaves_the_job_as_the_table_says(Intent intent) {
        for (JobStatus from : JobStatus.values()) {
            Job job = in(from);
            JobChange change = intent.apply.apply(job, LATER);
            JobStatus expected = LEGAL.get(intent).get(from);
            if (expected == null) {
                assertThat(change).as("%s from %s", intent, from).isInstanceOf(Refused.class);
                assertThat(((Refused) change).from()).isEqualTo(from);
                assertThat(change.eventOutcome()).isEqualTo(EventOutcome.ILLEGAL_TRANSITION);
                assertThat(job.status()).as("a refused %s leaves the job %s", intent, from).isEqualTo(from);
                assertThat(job.updatedAt).isEqualTo(T0);
            } else {
                assertThat(change).as("%s from %s", intent, from).isEqualTo(new Applied(from, expected));
                assertThat(change.eventOutcome()).isEqualTo(EventOutcome.APPLIED);
                assertThat(job.status()).isEqualTo(expected);
                // A self-run passes through queued; every other intent takes one edge of the table (or none).
                boolean inTable = intent == Intent.COMPLETE_SELF_RUN
                        ? from.canMoveTo(JobStatus.QUEUED) && JobStatus.QUEUED.canMoveTo(expected)
                        : from == expected || from.canMoveTo(expected);
                assertThat(inTable).as("%s → %s is in the transition table", from, expected).isTrue();
                assertThat(job.finishedAt).isEqualTo(expected.isTerminal() ? LATER : null);
            }
        }
    }

    @ParameterizedTest(name = "{0} of another attempt")
    @EnumSource(value = Intent.class, names = {"START", "PROGRESS", "COMPLETE", "FAIL_ATTEMPT", "CANCEL_ATTEMPT"})
    void an_event_of_another_attempt_changes_nothing(Intent intent) {
        for (JobStatus from : EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING)) {
            Job job = in(from);
            JobChange change = switch (intent) {
                case START -> job.start(ATTEMPT - 1, "w-old", LATER, LATER);
                case PROGRESS -> job.progress(ATTEMPT + 1, 70, "w-new", LATER, LATER);
                case COMPLETE -> job.complete(ATTEMPT - 1, OUTPUTS, "w-old", LATER);
                case FAIL_ATTEMPT -> job.fail(ATTEMPT - 1, "storage_error", "disk full", LATER);
                default -> job.cancel(ATTEMPT - 1, LATER);
            };
            assertThat(change).isInstanceOf(StaleAttempt.class);
            assertThat(((StaleAttempt) change).currentAttempt()).isEqualTo(ATTEMPT);
            assertThat(change.eventOutcome()).isEqualTo(EventOutcome.STALE_ATTEMPT);
            assertThat(job.status()).isEqualTo(from);
            assertThat(job.workerId).isNull();
            assertThat(job.progress).isZero();
            assertThat(job.errorCode()).isNull();
            assertThat(job.outputs).isNull();
        }
    }

    @Test
    void queueing_a_created_job_holds_its_credits_and_announces_attempt_one() {
        Job job = in(JobStatus.CREATED);
        job.queue(HELD, LATER);
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.queuedAt).isEqualTo(LATER);
        assertThat(job.billing()).isEqualTo(new Job.Billing(BillingStatus.RESERVED, HELD, 0, 0));
    }

    @Test
    void a_self_run_is_held_and_succeeds_without_any_attempt() {
        Job job = in(JobStatus.CREATED);
        job.completeSelfRun(HELD, OUTPUTS, LATER);
        assertThat(job.attempt()).isZero();
        assertThat(job.outputs).isEqualTo(OUTPUTS);
        assertThat(job.progress).isEqualTo(100);
        assertThat(job.billing().status()).isEqualTo(BillingStatus.RESERVED);
        assertThat(job.billing().reservedCredits()).isEqualTo(HELD);
    }

    @Test
    void a_repeated_started_keeps_the_first_start_time_and_takes_the_latest_worker() {
        Job job = in(JobStatus.QUEUED);
        Instant firstStart = T0.plusSeconds(5);
        assertThat(job.start(ATTEMPT, "w-1", firstStart, LATER)).isEqualTo(new Applied(JobStatus.QUEUED,
                JobStatus.RUNNING));
        JobChange again = job.start(ATTEMPT, "w-2", LATER, LATER.plusSeconds(1));
        assertThat(again).isEqualTo(new Applied(JobStatus.RUNNING, JobStatus.RUNNING));
        assertThat(((Applied) again).moved()).isFalse();
        assertThat(job.startedAt).isEqualTo(firstStart);
        assertThat(job.workerId).isEqualTo("w-2");
    }

    @Test
    void progress_never_goes_backwards_and_is_clamped_to_a_percentage() {
        Job job = in(JobStatus.RUNNING);
        job.progress(ATTEMPT, 60, "w-1", LATER, LATER);
        job.progress(ATTEMPT, 30, "w-1", LATER, LATER);
        assertThat(job.progress).isEqualTo(60);
        job.progress(ATTEMPT, null, "w-1", LATER, LATER.plusSeconds(3));
        assertThat(job.progress).isEqualTo(60);
        assertThat(job.heartbeatAt).isEqualTo(LATER.plusSeconds(3));
        job.progress(ATTEMPT, 250, "w-1", LATER, LATER);
        assertThat(job.progress).isEqualTo(100);
    }

    @Test
    void a_heartbeat_of_a_queued_job_whose_started_was_lost_starts_it() {
        Job job = in(JobStatus.QUEUED);
        JobChange change = job.progress(ATTEMPT, 10, "w-1", T0.plusSeconds(2), LATER);
        assertThat(((Applied) change).moved()).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.workerId).isEqualTo("w-1");
        assertThat(job.startedAt).isEqualTo(T0.plusSeconds(2));
        assertThat(job.progress).isEqualTo(10);
    }

    @Test
    void a_repeated_completed_is_refused_and_keeps_the_first_outputs() {
        Job job = in(JobStatus.RUNNING);
        job.complete(ATTEMPT, OUTPUTS, "w-1", LATER);
        JobChange again = job.complete(ATTEMPT, Json.mapper().createArrayNode(), "w-2", LATER.plusSeconds(1));
        assertThat(again).isEqualTo(new Refused(JobStatus.SUCCEEDED, JobStatus.SUCCEEDED));
        assertThat(job.outputs).isEqualTo(OUTPUTS);
        assertThat(job.workerId).isEqualTo("w-1");
        assertThat(job.finishedAt).isEqualTo(LATER);
    }

    @Test
    void a_late_failure_of_a_succeeded_job_changes_nothing() {
        Job job = in(JobStatus.RUNNING);
        job.complete(ATTEMPT, OUTPUTS, "w-1", LATER);
        assertThat(job.fail(ATTEMPT, "late", "late failure", LATER.plusSeconds(1)))
                .isEqualTo(new Refused(JobStatus.SUCCEEDED, JobStatus.FAILED));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.errorCode()).isNull();
    }

    @Test
    void a_worker_failure_keeps_the_engines_own_code_and_an_api_failure_its_wire_name() {
        Job byWorker = in(JobStatus.RUNNING);
        byWorker.fail(ATTEMPT, "not_a_raster", "the image is not a raster", LATER);
        assertThat(byWorker.errorCode()).isEqualTo("not_a_raster");
        assertThat(byWorker.errorMessage()).isEqualTo("the image is not a raster");
        Job byApi = in(JobStatus.QUEUED);
        byApi.fail(FailureCode.DISPATCH_FAILED, "parked", LATER);
        assertThat(byApi.errorCode()).isEqualTo("dispatch_failed");
    }

    @Test
    void an_expired_hold_fails_the_job_with_the_whole_hold_given_back() {
        Job job = in(JobStatus.RUNNING);
        job.expireHold(LATER);
        assertThat(job.errorCode()).isEqualTo("reservation_expired");
        assertThat(job.billing()).isEqualTo(new Job.Billing(BillingStatus.RELEASED, HELD, 0, HELD));
    }

    @Test
    void an_expired_created_job_fails_with_code_expired() {
        Job job = in(JobStatus.CREATED);
        job.expire("never dispatched", LATER);
        assertThat(job.errorCode()).isEqualTo("expired");
        assertThat(job.billing().status()).isEqualTo(BillingStatus.NONE);
    }

    @Test
    void a_redispatch_supersedes_the_attempt_and_forgets_its_worker_and_progress() {
        Job job = in(JobStatus.RUNNING);
        job.start(ATTEMPT, "w-1", LATER, LATER);
        job.progress(ATTEMPT, 80, "w-1", LATER, LATER);
        job.redispatch(LATER.plusSeconds(30));
        assertThat(job.attempt()).isEqualTo(ATTEMPT + 1);
        assertThat(job.workerId).isNull();
        assertThat(job.heartbeatAt).isNull();
        assertThat(job.progress).isZero();
        assertThat(job.queuedAt).isEqualTo(LATER.plusSeconds(30));
        assertThat(job.billing().reservedCredits()).as("the hold carries over").isEqualTo(HELD);
        assertThat(job.start(ATTEMPT, "w-1", LATER, LATER)).as("the superseded attempt is stale")
                .isInstanceOf(StaleAttempt.class);
    }

    @Test
    void the_refusals_asked_in_advance_agree_with_the_intents() {
        for (JobStatus from : JobStatus.values()) {
            assertThat(in(from).queueRefusal().isPresent()).isEqualTo(!(in(from).queue(HELD, LATER).applied()));
            assertThat(in(from).completeRefusal().isPresent())
                    .isEqualTo(!(in(from).complete(in(from).attempt(), OUTPUTS, null, LATER).applied()));
        }
    }

    @Test
    void a_refusal_is_the_http_edges_illegal_transition() {
        Refused refused = (Refused) in(JobStatus.SUCCEEDED).cancel(LATER);
        assertThat(refused.exception().from()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(refused.exception().to()).isEqualTo(JobStatus.CANCELLED);
        assertThat(refused.exception()).hasMessage("a succeeded job cannot become cancelled");
    }

    @Test
    void settling_and_releasing_fill_the_billing_block() {
        Job settled = in(JobStatus.SUCCEEDED);
        settled.settled(25, 15);
        assertThat(settled.billing()).isEqualTo(new Job.Billing(BillingStatus.SETTLED, HELD, 25, 15));
        Job released = in(JobStatus.CANCELLED);
        released.released(HELD);
        assertThat(released.billing()).isEqualTo(new Job.Billing(BillingStatus.RELEASED, HELD, 0, HELD));
        Job late = in(JobStatus.SUCCEEDED);
        late.holdClosedBeforeSettlement();
        assertThat(late.billing()).isEqualTo(new Job.Billing(BillingStatus.RELEASED, HELD, 0, 0));
    }
}
