package com.geopera.worker.service;

import com.geopera.common.messaging.WorkerHeartbeat;
import com.geopera.common.messaging.WorkerHeartbeat.OwnedPartition;
import com.geopera.common.messaging.WorkerHeartbeat.RunningAttempt;
import com.geopera.worker.RunningJob;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/** What this worker process tells operators about itself in each worker heartbeat. */
public final class WorkerStatus {
    private final String workerId;
    private final String version;
    private final List<String> queues;
    private final JobSlots slots;
    private final RunningJobs runningJobs;
    private final Supplier<List<TopicPartition>> assignedPartitions;
    private final Clock clock;
    private final Instant startedAt;

    /**
     * @param assignedPartitions the dispatch partitions the share group assigns to this worker now (none while all
     *                           its slots are busy: it is not a member then)
     */
    public WorkerStatus(String workerId, String version, List<String> queues, JobSlots slots, RunningJobs runningJobs,
                        Supplier<List<TopicPartition>> assignedPartitions, Clock clock) {
        this.workerId = workerId;
        this.version = version;
        this.queues = List.copyOf(queues);
        this.slots = slots;
        this.runningJobs = runningJobs;
        this.assignedPartitions = assignedPartitions;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** The heartbeat as of now. */
    public WorkerHeartbeat heartbeat() {
        List<RunningAttempt> running = runningJobs.all().stream()
                .sorted(Comparator.comparing(RunningJob::startedAt))
                .map(job -> new RunningAttempt(job.jobId(), job.command().attempt(), job.command().queue(),
                        job.command().processId()))
                .toList();
        List<OwnedPartition> owned = assignedPartitions.get().stream()
                .map(p -> new OwnedPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparing(OwnedPartition::topic).thenComparingInt(OwnedPartition::partition))
                .toList();
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, workerId, version, queues, slots.capacity(),
                slots.inUse(), running, owned, startedAt, clock.instant());
    }
}
