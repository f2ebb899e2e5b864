package com.geopera.api.service.ops;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.ops.OpsWorkers;
import com.geopera.api.contract.ops.OpsWorkers.OpsRunningAttempt;
import com.geopera.api.contract.ops.OpsWorkers.OpsWorker;
import com.geopera.api.contract.ops.OpsWorkers.OpsWorkerPartition;
import com.geopera.api.store.WorkerRegistryStore;
import com.geopera.api.store.WorkerRegistryStore.Worker;
import com.geopera.common.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Builds {@code ops.workers} from the latest heartbeat of each worker heard from recently. */
@ApplicationScoped
public class OpsWorkersView {
    @Inject
    WorkerRegistryStore registry;
    @Inject
    Topics topics;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** Live workers first, then the silent ones, each group by id. */
    public OpsWorkers workers() {
        Instant now = clock.instant();
        Instant aliveSince = now.minus(config.reaper().heartbeatTimeout());
        List<OpsWorker> workers = registry.heardSince(now.minus(config.ops().forgetWorkersAfter())).stream()
                .map(worker -> view(worker, now, aliveSince))
                .sorted(Comparator.comparing((OpsWorker w) -> !w.alive()).thenComparing(OpsWorker::workerId))
                .toList();
        return new OpsWorkers(now, config.reaper().heartbeatTimeout().toSeconds(), workers);
    }

    private OpsWorker view(Worker worker, Instant now, Instant aliveSince) {
        List<OpsRunningAttempt> running = worker.running().stream()
                .map(r -> new OpsRunningAttempt(r.jobId(), r.attempt(), r.queue(), r.processId())).toList();
        List<OpsWorkerPartition> partitions = worker.partitions().stream()
                .map(p -> new OpsWorkerPartition(queueOf(p.topic()), p.partition())).toList();
        return new OpsWorker(worker.workerId(), worker.version(), worker.queues(), worker.slots(), worker.slotsBusy(),
                Math.max(0, worker.slots() - worker.slotsBusy()), running, partitions, worker.startedAt(),
                worker.lastHeartbeatAt(), OpsQueuesView.ageSeconds(worker.lastHeartbeatAt(), now),
                !worker.lastHeartbeatAt().isBefore(aliveSince));
    }

    private String queueOf(String topic) {
        String queue = topics.queueOf(topic);
        return queue == null ? topic : queue;
    }
}
