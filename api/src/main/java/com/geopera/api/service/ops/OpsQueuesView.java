package com.geopera.api.service.ops;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.ops.OpsQueue;
import com.geopera.api.contract.ops.OpsQueue.OpsPartition;
import com.geopera.api.contract.ops.OpsQueue.OpsThroughput;
import com.geopera.api.contract.ops.OpsQueue.OpsWindow;
import com.geopera.api.contract.ops.OpsQueues;
import com.geopera.api.messaging.TopicOffsets;
import com.geopera.api.messaging.WorkerGroupOffsets;
import com.geopera.api.store.OpsJobQueries;
import com.geopera.api.store.OpsJobQueries.Active;
import com.geopera.api.store.OpsJobQueries.Finished;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.QueuePauseStore;
import com.geopera.api.store.QueuePauseStore.Pause;
import com.geopera.api.store.WorkerRegistryStore;
import com.geopera.api.store.WorkerRegistryStore.Worker;
import com.geopera.common.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Builds {@code ops.queues}: per queue, the Kafka backlog of the workers' share group (end offset − the group's start
 * offset per partition), what waits in the outbox, queued and running jobs, the oldest queued job, throughput over 5
 * and 60 minutes, live workers and who owns each partition. The database numbers come without Kafka when the broker
 * does not answer.
 */
@ApplicationScoped
public class OpsQueuesView {
    private static final Logger LOG = Logger.getLogger(OpsQueuesView.class);
    private static final Duration SHORT_WINDOW = Duration.ofMinutes(5);
    private static final Duration LONG_WINDOW = Duration.ofMinutes(60);
    private static final double NANOS_PER_SECOND = 1e9;

    @Inject
    KnownQueues queues;
    @Inject
    Topics topics;
    @Inject
    QueuePauseStore pauses;
    @Inject
    OpsJobQueries jobs;
    @Inject
    OutboxStore outbox;
    @Inject
    WorkerRegistryStore workers;
    @Inject
    WorkerGroupOffsets workerGroup;
    @Inject
    TopicOffsets offsets;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** Every queue, or only {@code queue} (404 when it is none of this deployment's). */
    public OpsQueues queues(String queue) {
        Collection<String> names = queue == null ? queues.all() : List.of(queues.require(queue));
        Instant now = clock.instant();
        Map<String, Pause> paused = pauses.all();
        Map<String, Long> queuedCount = new HashMap<>();
        Map<String, Long> runningCount = new HashMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        for (Active active : jobs.active()) {
            if (active.status().equals("queued")) {
                queuedCount.put(active.queue(), active.count());
                oldest.put(active.queue(), active.oldest());
            } else if (active.status().equals("running")) {
                runningCount.put(active.queue(), active.count());
            }
        }
        Map<String, Finished> lastShort = jobs.finishedSince(now.minus(SHORT_WINDOW));
        Map<String, Finished> lastLong = jobs.finishedSince(now.minus(LONG_WINDOW));
        Map<String, Long> unpublished = outbox.pending().byTopic();
        List<Worker> alive = workers.heardSince(now.minus(config.reaper().heartbeatTimeout()));
        Map<TopicPartition, String> owners = new HashMap<>();
        // A one-partition dispatch topic is read by every live worker of the queue: the first worker id is named.
        alive.forEach(w -> w.partitions().forEach(p -> owners.merge(new TopicPartition(p.topic(), p.partition()),
                w.workerId(), (a, b) -> a.compareTo(b) <= 0 ? a : b)));
        Kafka kafka = readKafka(names);

        List<OpsQueue> views = new ArrayList<>();
        for (String name : names) {
            String topic = topics.dispatch(name);
            Pause pause = paused.get(name);
            List<OpsPartition> partitions = kafka.partitionsOf(topic, owners);
            Long backlog = kafka.readable() ? partitions.stream().mapToLong(OpsPartition::backlog).sum() : null;
            Instant oldestQueued = oldest.get(name);
            views.add(new OpsQueue(name, topic, pause != null, pause == null ? null : pause.pausedAt(),
                    pause == null ? null : pause.pausedBy(), pause == null ? null : pause.reason(), backlog,
                    unpublished.getOrDefault(topic, 0L), queuedCount.getOrDefault(name, 0L),
                    runningCount.getOrDefault(name, 0L), oldestQueued, ageSeconds(oldestQueued, now),
                    (int) alive.stream().filter(w -> w.queues().contains(name)).count(),
                    new OpsThroughput(window(lastShort.get(name), SHORT_WINDOW), window(lastLong.get(name), LONG_WINDOW)),
                    partitions));
        }
        return new OpsQueues(now, kafka.readable(), views);
    }

    /** Seconds from {@code since} to {@code now}; 0 without a time (nothing waits). */
    static double ageSeconds(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toNanos() / NANOS_PER_SECOND);
    }

    private static OpsWindow window(Finished finished, Duration length) {
        if (finished == null) {
            return new OpsWindow(0, 0, 0, 0, 0);
        }
        long all = finished.succeeded() + finished.failed() + finished.cancelled();
        long judged = finished.succeeded() + finished.failed();
        return new OpsWindow(finished.succeeded(), finished.failed(), finished.cancelled(),
                (double) all / length.toMinutes(), judged == 0 ? 0 : (double) finished.failed() / judged);
    }

    /** The dispatch topics' logs and the worker group's commits, or nothing when the broker did not answer. */
    private Kafka readKafka(Collection<String> names) {
        try {
            List<TopicOffsets.Log> logs = offsets.logs(names.stream().map(topics::dispatch).toList());
            return new Kafka(true, logs, workerGroup.committed());
        } catch (RuntimeException e) {
            LOG.debugf("ops.queues without Kafka: %s", e.getMessage());
            return new Kafka(false, List.of(), Map.of());
        }
    }

    /** What Kafka said about the dispatch topics. */
    private record Kafka(boolean readable, List<TopicOffsets.Log> logs, Map<TopicPartition, Long> committed) {
        /**
         * The topic's partitions with their backlog: end − the share group's start offset, or end − log start where
         * the group never read the partition (it starts from the earliest record), never negative.
         */
        List<OpsPartition> partitionsOf(String topic, Map<TopicPartition, String> owners) {
            return logs.stream().filter(log -> log.partition().topic().equals(topic))
                    .sorted(Comparator.comparingInt(log -> log.partition().partition()))
                    .map(log -> {
                        Long commit = committed.get(log.partition());
                        long from = commit == null ? log.start() : Math.max(commit, log.start());
                        return new OpsPartition(log.partition().partition(), log.end(), commit,
                                Math.max(0, log.end() - from), owners.get(log.partition()));
                    }).toList();
        }
    }
}
