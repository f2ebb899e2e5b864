package com.geopera.api.service.ops;

import com.geopera.api.Job;
import com.geopera.api.store.JobStore;

/**
 * What an operator's job action did: its audit entry, the job after it ({@code ops.jobs.retry}: the new job) and,
 * for a retry, the failed job it runs again.
 */
public record JobActionDone(long auditId, String retryOf, Job job) {
    /** The same, with the job as committed (and as processing.job.get reads it: times at the database's precision). */
    JobActionDone readBack(JobStore jobs) {
        return new JobActionDone(auditId, retryOf, jobs.find(job.jobId).orElseThrow());
    }
}
