package com.geopera.api.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.Job;
import com.geopera.api.store.JobEventStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.job.IllegalTransitionException;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies worker events to jobs, once each (by {@code event_id}) and only for the job's current attempt. Events the
 * state machine refuses (a late event for a cancelled job, …) are recorded and ignored, never thrown.
 */
@ApplicationScoped
public class WorkerEvents {
    private static final Logger LOG = Logger.getLogger(WorkerEvents.class);

    @Inject
    JobStore jobs;
    @Inject
    JobEventStore events;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    OutputRegistration registration;
    @Inject
    Clock clock;

    /** Applies one event; returns what was done with it (also stored in {@code job_events.outcome}). */
    @Transactional
    public String apply(JobEvent event, String payload) {
        Instant now = clock.instant();
        if (!events.insertIfNew(event.eventId(), event.jobId(), event.attempt(), event.type().name(), event.occurredAt(),
                now, payload)) {
            return "duplicate";
        }
        String outcome = outcome(event, now);
        events.setOutcome(event.eventId(), outcome);
        if (!"applied".equals(outcome)) {
            LOG.infof("event %s (%s, job %s attempt %d) ignored: %s", event.eventId(), event.type(), event.jobId(),
                    event.attempt(), outcome);
        }
        return outcome;
    }

    private String outcome(JobEvent event, Instant now) {
        Optional<Job> found = jobs.lock(event.jobId());
        if (found.isEmpty()) {
            return "unknown_job";
        }
        Job job = found.get();
        if (event.attempt() != job.attempt) {
            return "stale_attempt";
        }
        try {
            switch (event.type()) {
                case STARTED -> start(job, event, now);
                case PROGRESS, HEARTBEAT -> beat(job, event, now);
                case COMPLETED -> complete(job, event, now);
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
        if (event.progress() != null) {
            job.progress = Math.max(job.progress, Math.min(100, Math.max(0, event.progress())));
        }
        job.heartbeatAt = now;
        job.updatedAt = now;
        jobs.update(job);
    }

    private void complete(Job job, JobEvent event, Instant now) {
        job.status.moveTo(JobStatus.SUCCEEDED);
        List<ValidationProblem> problems = new ArrayList<>();
        ArrayNode outputs = registration.check(Json.mapper().valueToTree(
                event.outputs() == null ? List.of() : event.outputs()), problems);
        if (!problems.isEmpty()) {
            lifecycle.fail(job, "invalid_outputs", "the worker reported unusable outputs: " + problems, now);
            return;
        }
        if (job.startedAt == null) {
            job.startedAt = now;
        }
        job.workerId = event.workerId() == null ? job.workerId : event.workerId();
        lifecycle.succeed(job, outputs, event.usage() == null ? null : event.usage().credits(), now);
    }
}
