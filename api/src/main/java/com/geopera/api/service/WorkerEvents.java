package com.geopera.api.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.Job;
import com.geopera.api.store.JobEventStore;
import com.geopera.api.store.JobLivenessStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.AttemptFailureCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.job.IllegalTransitionException;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import com.geopera.ledger.ChargeRule;
import com.geopera.ledger.Settlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Applies worker events to jobs, once each (by {@code event_id}) and only for the job's current attempt. Events the
 * state machine refuses (a late event for a cancelled job, …) are recorded and ignored, never thrown. A batch of
 * events (one Kafka poll) is applied in one transaction: its jobs are locked together in job id order, each event is
 * applied in the order it arrived, and the completed jobs' holds are settled together at the end, so a busy api
 * commits once per poll instead of once per event.
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
    Clock clock;

    /**
     * Applies the events in order, all or none; returns what was done with each (also stored in
     * {@code job_events.outcome}).
     */
    @Transactional
    public List<String> applyAll(List<Received> received) {
        Instant now = clock.instant();
        Map<String, Job> locked = jobs.lockAll(new TreeSet<>(received.stream().map(r -> r.event().jobId()).toList()));
        // A transition below writes the whole row: with the latest progress and heartbeat, not those of STARTED.
        liveness.overlay(locked.values());
        Completions completions = new Completions();
        List<String> outcomes = new ArrayList<>(received.size());
        for (Received each : received) {
            JobEvent event = each.event();
            if (!events.insertIfNew(event.eventId(), event.jobId(), event.attempt(), event.type().name(),
                    event.occurredAt(), now, each.payload())) {
                outcomes.add("duplicate");
                continue;
            }
            String outcome = outcome(event, locked.get(event.jobId()), now, completions);
            events.setOutcome(event.eventId(), outcome);
            if (!"applied".equals(outcome)) {
                LOG.infof("event %s (%s, job %s attempt %d) ignored: %s", event.eventId(), event.type(), event.jobId(),
                        event.attempt(), outcome);
            }
            outcomes.add(outcome);
        }
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

    private String outcome(JobEvent event, Job job, Instant now, Completions completions) {
        if (job == null) {
            return "unknown_job";
        }
        if (event.attempt() != job.attempt) {
            return "stale_attempt";
        }
        try {
            switch (event.type()) {
                case STARTED -> start(job, event, now);
                case PROGRESS, HEARTBEAT -> beat(job, event, now);
                case COMPLETED -> complete(job, event, now, completions);
                case FAILED -> lifecycle.fail(job, event.error() == null ? "worker_failed" : event.error().code(),
                        event.error() == null ? "the worker reported a failure" : event.error().message(), now);
                case CANCELLED -> lifecycle.cancel(job, now);
                default -> {
                    return "unknown_type";
                }
            }
            return "applied";
        } catch (IllegalTransitionException e) {
            return "illegal_transition: " + e.getMessage();
        }
    }

    private void start(Job job, JobEvent event, Instant now) {
        if (job.status != JobStatus.RUNNING) {
            job.moveTo(JobStatus.RUNNING, now);
        }
        if (job.startedAt == null) {
            job.startedAt = event.occurredAt() == null ? now : event.occurredAt();
        }
        job.workerId = event.workerId();
        job.heartbeatAt = now;
        job.updatedAt = now;
        jobs.update(job);
    }

    private void beat(Job job, JobEvent event, Instant now) {
        if (job.status == JobStatus.QUEUED) {
            start(job, event, now);
        } else if (job.status != JobStatus.RUNNING) {
            throw new IllegalTransitionException(job.status, JobStatus.RUNNING);
        }
        // Into the narrow job_liveness row, not the wide jobs row: a tick every few seconds per running job would
        // otherwise leave a dead version of the whole row and of its 17 index entries each time.
        int progress = event.progress() == null ? job.progress : Math.min(100, Math.max(0, event.progress()));
        job.progress = Math.max(job.progress, progress);
        job.heartbeatAt = now;
        liveness.record(job.jobId, job.attempt, job.progress, now);
    }

    private void complete(Job job, JobEvent event, Instant now, Completions completions) {
        job.status.moveTo(JobStatus.SUCCEEDED);
        List<ValidationProblem> problems = new ArrayList<>();
        ArrayNode outputs = registration.check(job, event.attempt(), Json.mapper().valueToTree(
                event.outputs() == null ? List.of() : event.outputs()), problems);
        if (!problems.isEmpty()) {
            lifecycle.fail(job, AttemptFailureCodes.INVALID_OUTPUTS, "the worker reported unusable outputs: " + problems,
                    now);
            return;
        }
        if (job.startedAt == null) {
            job.startedAt = now;
        }
        job.workerId = event.workerId() == null ? job.workerId : event.workerId();
        completions.jobs.add(job);
        completions.settlements.add(
                lifecycle.complete(job, outputs, event.usage() == null ? null : event.usage().credits(),
                        ChargeRule.METERED, now));
    }
}
