package com.geopera.worker.service;

import com.geopera.common.id.Ids;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobError;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import java.time.Clock;
import java.util.List;

/** Makes the events of one worker: a fresh event id, this worker's id and the current time on each. */
public final class JobEvents {
    static final String EVENT_ID_PREFIX = "evt";
    private final String workerId;
    private final Clock clock;

    public JobEvents(String workerId, Clock clock) {
        this.workerId = workerId;
        this.clock = clock;
    }

    public JobEvent started(DispatchJob job) {
        return event(JobEventType.STARTED, job, 0, null, null, null);
    }

    public JobEvent progress(DispatchJob job, int percent) {
        return event(JobEventType.PROGRESS, job, percent, null, null, null);
    }

    public JobEvent heartbeat(DispatchJob job, int percent) {
        return event(JobEventType.HEARTBEAT, job, percent, null, null, null);
    }

    public JobEvent completed(DispatchJob job, List<JobOutput> outputs, Usage usage) {
        return event(JobEventType.COMPLETED, job, 100, outputs, usage, null);
    }

    public JobEvent failed(DispatchJob job, JobError error) {
        return event(JobEventType.FAILED, job, null, null, null, error);
    }

    public JobEvent cancelled(DispatchJob job) {
        return event(JobEventType.CANCELLED, job, null, null, null, null);
    }

    private JobEvent event(JobEventType type, DispatchJob job, Integer progress, List<JobOutput> outputs,
                           Usage usage, JobError error) {
        return new JobEvent(JobEvent.SCHEMA_VERSION, Ids.next(EVENT_ID_PREFIX), type, job.jobId(), job.attempt(),
                workerId, clock.instant(), progress, outputs, usage, error);
    }
}
