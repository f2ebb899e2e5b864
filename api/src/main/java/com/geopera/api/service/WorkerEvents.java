package com.geopera.api.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.Job;
import com.geopera.api.JobChange;
import com.geopera.api.store.JobEventStore;
import com.geopera.api.store.JobLivenessStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.job.FailureCode;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.EventOutcome;
import com.geopera.common.messaging.JobEvent;
import com.geopera.ledger.Settlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Applies worker events to jobs, once each (by {@code event_id}) and only for the job's current attempt. Events the
 * state machine refuses (a late event for a cancelled job, …) are recorded and ignored, never thrown. A batch of
 * events (one Kafka poll) is applied in one transaction: its jobs are locked together in job id order, the events
 * recorded before are looked up at once, each event is applied in the order it arrived, and at the end the events are
 * recorded with their outcomes in one statement and the completed jobs' holds settled together, so a busy api
 * commits once per poll instead of once per event, and writes each event's row once.
 */
@ApplicationScoped
public class WorkerEvents {
    private static final Logger LOG = Logger.getLogger(WorkerEvents.class);

    /** An event as read from the topic, with the payload {@code job_events} keeps. */
    public record Received(JobEvent event, String payload) {
    }

    @Inject
    JobStore jobs;
    @Inject
    JobEventStore events;
    @Inject
    JobLivenessStore liveness;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    OutputRegistration registration;
    @Inject
    JobMetrics metrics;
    @Inject
    Clock clock;

    /**
     * Applies the events in order, all or none; returns what was done with each (also stored in
     * {@code job_events.outcome}).
     */
    @Transactional
    public List<EventOutcome> applyAll(List<Received> received) {
        Instant now = clock.instant();
        Map<String, Job> locked = jobs.lockAll(new TreeSet<>(received.stream().map(r -> r.event().jobId()).toList()));
        // A transition below writes the whole row: with the latest progress and heartbeat, not those of STARTED.
        liveness.overlay(locked.values());
        Completions completions = new Completions();
        List<EventOutcome> outcomes = new ArrayList<>(received.size());
        // Read under the jobs' locks: a replica applying the same events (a rebalance) waits for them, and then
        // finds them recorded here.
        Set<String> seen = events.recorded(received.stream().map(r -> r.event().eventId()).toList());
        List<JobEventStore.Row> rows = new ArrayList<>(received.size());
        for (Received each : received) {
            JobEvent event = each.event();
            if (!seen.add(event.eventId())) {
                outcomes.add(EventOutcome.DUPLICATE);
                continue;
            }
            Job job = locked.get(event.jobId());
            EventOutcome outcome = job == null ? EventOutcome.UNKNOWN_JOB : apply(event, job, now, completions)
                    .eventOutcome();
            rows.add(new JobEventStore.Row(event.eventId(), event.jobId(), event.attempt(), event.type().name(),
                    event.occurredAt(), now, outcome.wireName(), each.payload()));
            if (outcome == EventOutcome.APPLIED) {
                metrics.eventApplied(event.type());
            } else {
                LOG.infof("event %s (%s, job %s attempt %d) ignored: %s (job %s, attempt %d)", event.eventId(),
                        event.type(), event.jobId(), event.attempt(), outcome.wireName(),
                        job == null ? "-" : job.status().wireName(), job == null ? 0 : job.attempt());
            }
            outcomes.add(outcome);
        }
        events.insertAll(rows);
        if (!completions.jobs.isEmpty()) {
            lifecycle.settleAll(completions.jobs, completions.settlements);
        }
        return outcomes;
    }

    /** Jobs of the batch that succeeded, and the settlements they wait for. */
    private static final class Completions {
        final List<Job> jobs = new ArrayList<>();
        final List<Settlement> settlements = new ArrayList<>();
    }

    private JobChange apply(JobEvent event, Job job, Instant now, Completions completions) {
        return switch (event.type()) {
            case STARTED -> lifecycle.start(job, event.attempt(), event.workerId(), event.occurredAt(), now);
            case PROGRESS, HEARTBEAT -> lifecycle.progress(job, event.attempt(), event.progress(), event.workerId(),
                    event.occurredAt(), now);
            case COMPLETED -> complete(job, event, now, completions);
            case FAILED -> event.error() == null
                    ? lifecycle.failAttempt(job, event.attempt(), FailureCode.WORKER_FAILED.wireName(),
                            "the worker reported a failure", now)
                    : lifecycle.failAttempt(job, event.attempt(), event.error().code(), event.error().message(), now);
            case CANCELLED -> lifecycle.cancelAttempt(job, event.attempt(), now);
        };
    }

    private JobChange complete(Job job, JobEvent event, Instant now, Completions completions) {
        List<ValidationProblem> problems = new ArrayList<>();
        ArrayNode outputs = registration.check(job, event.attempt(), Json.mapper().valueToTree(
                event.outputs() == null ? List.of() : event.outputs()), problems);
        if (!problems.isEmpty()) {
            return lifecycle.failAttempt(job, event.attempt(), FailureCode.INVALID_OUTPUTS.wireName(),
                    "the worker reported unusable outputs: " + problems, now);
        }
        JobLifecycle.Completion completion = lifecycle.complete(job, event.attempt(), outputs, event.workerId(),
                event.usage() == null ? null : event.usage().credits(), now);
        if (completion.settlement() != null) {
            completions.jobs.add(job);
            completions.settlements.add(completion.settlement());
        }
        return completion.change();
    }
}
