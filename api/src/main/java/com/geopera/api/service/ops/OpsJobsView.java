package com.geopera.api.service.ops;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.ops.OpsJobs;
import com.geopera.api.contract.ops.OpsJobs.OpsStuckJob;
import com.geopera.api.contract.ops.OpsJobsInput;
import com.geopera.api.store.OpsJobQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code ops.jobs}: recent failures with their codes, and stuck jobs — running with a heartbeat older than
 * {@code geopera.ops.stale-heartbeat-after} (the reaper's heartbeat timeout by default), or queued longer than
 * {@code geopera.ops.stuck-queued-after}.
 */
@ApplicationScoped
public class OpsJobsView {
    @Inject
    OpsJobQueries queries;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    public OpsJobs jobs(OpsJobsInput input) {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofMinutes(input.failedWithinMinutes()));
        List<OpsStuckJob> stuck = queries.stuck(staleBefore(now), queuedBefore(now), input.limit()).stream()
                .map(s -> new OpsStuckJob(s.jobId(), s.orgId(), s.queue(), s.processId(), s.status(), s.attempt(),
                        s.workerId(), s.reason(), s.since(), OpsQueuesView.ageSeconds(s.since(), now)))
                .toList();
        return new OpsJobs(now, queries.failures(since, input.limit()), queries.failureCodes(since), stuck);
    }

    /** A running job whose last sign of life is before this is stuck. */
    Instant staleBefore(Instant now) {
        return now.minus(config.ops().staleHeartbeatAfter().orElse(config.reaper().heartbeatTimeout()));
    }

    /** A job queued before this is stuck. */
    Instant queuedBefore(Instant now) {
        return now.minus(config.ops().stuckQueuedAfter());
    }
}
