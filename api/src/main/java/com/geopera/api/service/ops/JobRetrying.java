package com.geopera.api.service.ops;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.service.JobService;
import com.geopera.api.store.JobRetryStore;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ErrorCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Runs a failed job again ({@code ops.jobs.retry}) as a new job of the same org, submitted for the failed job's
 * principal through the ordinary execute path (validated, estimated, held by the ledger, dispatched through the
 * outbox), in one transaction with the audit entry and the link in {@code ops_job_retries}. The failed job keeps its
 * record and its released hold, so the work is billed once: by the retry, when it succeeds.
 */
@ApplicationScoped
public class JobRetrying {
    static final String RETRY = "ops.jobs.retry";

    @Inject
    JobStore jobs;
    @Inject
    JobService service;
    @Inject
    JobRetryStore retries;
    @Inject
    OpsAudit audit;
    @Inject
    Clock clock;

    /**
     * The new job, queued with its hold. 404 {@code job_not_found} for an unknown job; 409 {@code illegal_transition}
     * for a job that is not failed or was retried already; 402 {@code insufficient_credits} (nothing changed) when the
     * org cannot pay the estimate now.
     */
    public JobActionDone retry(Caller caller, String jobId, String reason) {
        JobActionDone done = QuarkusTransaction.requiringNew().call(() -> {
            // Locked first: a second retry of the same job waits here and then finds the link.
            Job failed = jobs.lock(jobId).orElseThrow(() -> ApiProblem.jobNotFound(jobId));
            if (!failed.retryable()) {
                throw ApiProblem.of(ErrorCode.ILLEGAL_TRANSITION, "job " + jobId + " is "
                        + failed.status().wireName() + "; only a failed job is retried");
            }
            retries.retryOf(jobId).ifPresent(retry -> {
                throw ApiProblem.of(ErrorCode.ILLEGAL_TRANSITION, "job " + jobId + " was retried already as " + retry
                        + "; retry that job if it failed too");
            });
            Job retry = service.execute(Caller.submitterOf(failed.principalId, failed.orgId), failed.retryDraft());
            long auditId = audit.record(caller, RETRY, jobId, reason, OpsAudit.detail()
                    .put("retry_job_id", retry.jobId).put("org_id", retry.orgId)
                    .put("error_code", failed.errorCode()).put("reserved_credits", retry.reservedCredits()));
            retries.link(jobId, retry.jobId, clock.instant(), auditId);
            return new JobActionDone(auditId, jobId, retry);
        });
        return done.readBack(jobs);
    }
}
