package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.JobDraft;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.IdentityStore;
import com.geopera.api.store.JobLivenessStore;
import com.geopera.api.store.JobQuery;
import com.geopera.api.service.JobLifecycle.Registrant;
import com.geopera.api.store.JobStore;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.id.Ids;
import com.geopera.common.job.JobStatus;
import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.Estimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The processing operations on jobs, org-scoped: a job of another org does not exist for the caller (404). */
@ApplicationScoped
public class JobService {
    @Inject
    JobStore jobs;
    @Inject
    JobLivenessStore liveness;
    @Inject
    IdentityStore identities;
    @Inject
    OwningOrgs owners;
    @Inject
    ProcessService catalog;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    OutputRegistration registration;
    @Inject
    OutputDirectories storage;
    @Inject
    Clock clock;
    @Inject
    ApiConfig config;

    /** Stores a job in {@code created} (no hold); 409 {@code too_many_created_jobs} at the org's limit. */
    @Transactional
    public Job create(Caller caller, JobDraft draft) {
        Job job = prepare(caller, draft);
        admitCreated(job.orgId);
        jobs.insert(job);
        return job;
    }

    /** A job stored by create_and_dispatch, and the refusal of its dispatch when the org lacked credits. */
    public record Submission(Job job, ApiProblem refusal) {
    }

    /**
     * create + dispatch in one transaction. When the org lacks the credits the job stays {@code created} and the
     * 402 is returned with it rather than thrown, so the job commits (with its Idempotency-Key record, if any).
     */
    @Transactional
    public Submission createAndDispatch(Caller caller, JobDraft draft) {
        Job job = prepare(caller, draft);
        admitCreated(job.orgId);
        try {
            lifecycle.queueNew(job, clock.instant());
        } catch (ApiProblem refused) {
            // The ledger's refusal is a value: nothing was held, the transaction may go on and commit the job.
            if (!ErrorCode.INSUFFICIENT_CREDITS.code().equals(refused.code())) {
                throw refused;
            }
            jobs.insert(job);
            return new Submission(job, refused);
        }
        return new Submission(job, null);
    }

    /** created → queued with a hold; on 402 the job stays {@code created}. */
    @Transactional
    public Job dispatch(Caller caller, String jobId, String version) {
        Job job = lockOwned(caller, jobId);
        ProcessDescription process = catalog.find(job.processId).orElse(null);
        if (process == null || (version != null && !version.equals(process.version()))) {
            throw ApiProblem.of(ErrorCode.PROCESS_VERSION_UNAVAILABLE, "no worker queue serves " + job.processId
                    + (version == null ? "" : " version " + version));
        }
        // Asked before estimating: a job that cannot be queued is refused without a probe of its inputs.
        job.queueRefusal().ifPresent(refused -> {
            throw refused.exception();
        });
        job.processVersion = process.version();
        // Pinned before estimating: a file that changes in between fails the pin check on the worker, never the bill.
        job.inputPins = catalog.pins(job.processId, job.inputs);
        job.estimatedCredits = catalog.estimate(job.processId, job.inputs).credits();
        lifecycle.queue(job, clock.instant());
        return job;
    }

    /** Validate + estimate + create + reserve + outbox in one transaction; on 402 nothing is stored. */
    @Transactional
    public Job execute(Caller caller, JobDraft draft) {
        Job job = prepare(caller, draft);
        lifecycle.queueNew(job, clock.instant());
        return job;
    }

    public Job get(Caller caller, String jobId) {
        Job job = jobs.find(jobId).filter(j -> j.orgId.equals(caller.orgId()))
                .orElseThrow(() -> ApiProblem.jobNotFound(jobId));
        liveness.overlay(job);
        return job;
    }

    /** A job of a project the caller is a member of (404 otherwise). */
    public Job getProjectJob(Caller caller, String jobId) {
        Job job = get(caller, jobId);
        if (job.projectId == null || !identities.isMember(job.projectId, caller.principalId())) {
            throw ApiProblem.jobNotFound(jobId);
        }
        return job;
    }

    /** A page of jobs, running ones with their latest progress and heartbeat. */
    public JobStore.Page list(JobQuery query) {
        JobStore.Page page = jobs.list(query);
        liveness.overlay(page.jobs());
        return page;
    }

    /**
     * The same page as {@link #list}, each job handed to {@code sink} as its row (running ones with their latest
     * progress and heartbeat), for listings written straight to JSON.
     */
    public JobStore.Scan scan(JobQuery query, JobStore.RowSink sink) {
        return jobs.scan(query, sink);
    }

    /** The page of a JSON list answer, row by row as {@link #scan}, with the total when the query includes it. */
    public JobStore.ScannedPage scanPage(JobQuery query, JobStore.RowSink sink) {
        return jobs.scanPage(query, sink);
    }

    /** Checks that the caller may list the project's jobs: same org and a member (404 otherwise). */
    public void requireProjectMember(Caller caller, String projectId) {
        boolean visible = owners.ofProject(projectId).filter(caller.orgId()::equals).isPresent()
                && identities.isMember(projectId, caller.principalId());
        if (!visible) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "no project " + projectId);
        }
    }

    /**
     * created/queued/running → cancelled with the hold released (a running attempt gets a CANCEL signal and its
     * late events are ignored); a finished job keeps its record and loses its output files.
     */
    @Transactional
    public Job delete(Caller caller, String jobId) {
        Job job = lockOwned(caller, jobId);
        Instant now = clock.instant();
        if (!job.status().isTerminal()) {
            lifecycle.cancel(job, now).orThrow();
        } else if (job.outputsDeletedAt == null) {
            storage.deleteOutputs(job);
            job.outputsDeleted(now);
            jobs.update(job);
        }
        return job;
    }

    /**
     * Registers the outputs of a job and settles its hold. A customer (scope {@code processing:process}) registers a
     * {@code created} job it ran itself and is charged the full estimate; a platform worker (scope
     * {@code platform:worker}, any org) registers the queued or running job it ran, for its usage. Repeating it on a
     * succeeded job returns the job.
     */
    @Transactional
    public Job register(Caller caller, String jobId, JsonNode outputs, Long usedCredits) {
        Registrant registrant = caller.has(Scope.PLATFORM_WORKER) ? Registrant.PLATFORM_WORKER : Registrant.CUSTOMER;
        Job job = registrant == Registrant.PLATFORM_WORKER
                ? jobs.lock(jobId).orElseThrow(() -> ApiProblem.jobNotFound(jobId))
                : lockOwned(caller, jobId);
        if (job.status() == JobStatus.SUCCEEDED) {
            return job;
        }
        lifecycle.checkRegistration(job, registrant);
        List<ValidationProblem> problems = new ArrayList<>();
        ArrayNode accepted = registration.check(job, job.attempt(), outputs, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        lifecycle.register(job, accepted, usedCredits, registrant, clock.instant());
        return job;
    }

    public Estimate estimate(String processId, JsonNode inputs) {
        return catalog.estimate(processId, inputs);
    }

    /**
     * Refuses a new {@code created} job when the org already has its limit of them. The org's creates are serialised
     * for the rest of the transaction (an advisory lock, a few milliseconds) so that concurrent creates cannot both
     * pass the count.
     */
    private void admitCreated(String orgId) {
        int limit = config.limits().maxCreatedJobs();
        long waiting = jobs.lockAndCountCreated(orgId);
        if (waiting >= limit) {
            throw ApiProblem.of(ErrorCode.TOO_MANY_CREATED_JOBS, "the organisation has " + waiting
                    + " jobs in created (at most " + limit + "); dispatch or delete some first",
                    Map.of("created_jobs", waiting, "limit", limit));
        }
    }

    private Job lockOwned(Caller caller, String jobId) {
        return jobs.lock(jobId).filter(j -> j.orgId.equals(caller.orgId()))
                .orElseThrow(() -> ApiProblem.jobNotFound(jobId));
    }

    /** Checks the draft (workspace and project of the caller's org, known process, valid inputs) and estimates it. */
    private Job prepare(Caller caller, JobDraft draft) {
        List<ValidationProblem> problems = new ArrayList<>(draft.problems());
        if (draft.workspaceId() != null && owners.ofWorkspace(draft.workspaceId())
                .filter(caller.orgId()::equals).isEmpty()) {
            problems.add(new ValidationProblem(InputErrorCodes.UNKNOWN_WORKSPACE, "/workspaceId",
                    "no workspace " + draft.workspaceId()));
        }
        if (draft.projectId() != null && owners.ofProject(draft.projectId())
                .filter(caller.orgId()::equals).isEmpty()) {
            problems.add(new ValidationProblem(InputErrorCodes.UNKNOWN_PROJECT, "/project_id",
                    "no project " + draft.projectId()));
        }
        Optional<ProcessDescription> process = catalog.find(draft.processId());
        if (draft.processId() != null && process.isEmpty()) {
            problems.add(ProcessService.unknownProcess(draft.processId()));
        }
        Estimate estimate = null;
        JsonNode pins = null;
        if (process.isPresent()) {
            // Pinned before estimating: a file that changes in between fails the pin check on the worker.
            pins = catalog.pins(draft.processId(), draft.inputs());
            // The engine's estimate validates the inputs first and reports every problem: one GDAL probe, not two.
            try {
                estimate = catalog.estimate(draft.processId(), draft.inputs());
            } catch (ApiProblem invalidInputs) {
                if (invalidInputs.errors().isEmpty()) {
                    throw invalidInputs;
                }
                problems.addAll(invalidInputs.errors());
            }
        }
        if (!problems.isEmpty() || estimate == null) {
            throw ApiProblem.invalid(problems);
        }
        Instant now = clock.instant();
        Job job = new Job();
        job.jobId = Ids.next("job");
        job.orgId = caller.orgId();
        job.workspaceId = draft.workspaceId();
        job.projectId = draft.projectId();
        job.principalId = caller.principalId();
        job.processId = process.get().id();
        job.processVersion = process.get().version();
        job.jobType = process.get().jobType();
        job.queue = process.get().queue();
        job.title = draft.title();
        job.inputs = draft.inputs();
        job.estimatedCredits = estimate.credits();
        job.inputPins = pins;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }
}
