package com.geopera.api.service.ops;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.service.JobLifecycle;
import com.geopera.api.store.JobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Cancels a job of any org ({@code ops.jobs.cancel}) the way its owner's {@code processing.job.delete} does: the
 * hold released and, when a worker may hold the job, a CANCEL on the control topic; in one transaction with the audit
 * entry.
 */
@ApplicationScoped
public class JobCancelling {
    static final String CANCEL = "ops.jobs.cancel";

    @Inject
    JobStore jobs;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    OpsAudit audit;
    @Inject
    Clock clock;

    /** The job, cancelled. 404 {@code job_not_found} for an unknown job; 409 {@code illegal_transition} when finished. */
    public JobActionDone cancel(Caller caller, String jobId, String reason) {
        JobActionDone done = QuarkusTransaction.requiringNew().call(() -> {
            Job job = jobs.lock(jobId).orElseThrow(() -> ApiProblem.jobNotFound(jobId));
            String from = job.status().wireName();
            lifecycle.cancel(job, clock.instant()).orThrow();
            long auditId = audit.record(caller, CANCEL, jobId, reason, OpsAudit.detail().put("org_id", job.orgId)
                    .put("from", from).put("attempt", job.attempt())
                    .put("released_credits", job.billing().releasedCredits()));
            return new JobActionDone(auditId, null, job);
        });
        return done.readBack(jobs);
    }
}
