package com.geopera.api.service.ops;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.ops.OpsQueue;
import com.geopera.api.contract.ops.OpsQueue.OpsPartition;
import com.geopera.api.contract.ops.OpsQueues;
import com.geopera.api.messaging.TopicOffsets;
import com.geopera.api.messaging.TopicInitializer;
import com.geopera.api.service.Credits;
import com.geopera.api.store.OpsJobQueries;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.WorkerRegistryStore;
import com.geopera.common.messaging.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The platform gauges of {@code /q/metrics} (names and meanings in docs/OPERATIONS-GUIDE.md). A scrape reads one
 * cached snapshot; a scheduled task refreshes it every {@code geopera.ops.snapshot-interval} with a few SQL
 * statements and one read of Kafka offsets, so scrapes cost the database nothing. Every replica reports the same
 * platform-wide values (aggregate with max, not sum).
 */
@ApplicationScoped
public class OpsMetrics {
    private static final Logger LOG = Logger.getLogger(OpsMetrics.class);
    private static final List<String> ACTIVE_STATUSES = List.of("created", "queued", "running");
    private static final List<String> STUCK_REASONS = List.of(OpsJobQueries.STALE_HEARTBEAT,
            OpsJobQueries.QUEUED_TOO_LONG);

    @Inject
    MeterRegistry registry;
    @Inject
    KnownQueues queues;
    @Inject
    Topics topics;
    @Inject
    TopicInitializer topicNames;
    @Inject
    OpsQueuesView queuesView;
    @Inject
    OpsJobsView jobsView;
    @Inject
    OpsJobQueries jobs;
    @Inject
    OutboxStore outbox;
    @Inject
    WorkerRegistryStore workers;
    @Inject
    TopicOffsets offsets;
    @Inject
    Credits credits;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** One gauge: its name and tags. */
    private record Key(String name, Tags tags) {
    }

    private volatile Map<Key, Double> values = Map.of();
    private final Set<Key> registered = ConcurrentHashMap.newKeySet();

    /** Registers every gauge whose labels are known up front, at 0 until the first snapshot. */
    void registerKnown(@Observes StartupEvent event) {
        Map<Key, Double> zeros = new HashMap<>();
        for (String queue : queues.all()) {
            ACTIVE_STATUSES.forEach(status -> zeros.put(key("geopera.jobs", "queue", queue, "status", status), 0.0));
            STUCK_REASONS.forEach(reason -> zeros.put(key("geopera.jobs.stuck", "queue", queue, "reason", reason), 0.0));
            for (String name : List.of("geopera.queue.backlog", "geopera.queue.oldest.queued.age.seconds",
                    "geopera.queue.unpublished", "geopera.queue.paused", "geopera.workers.alive")) {
                zeros.put(key(name, "queue", queue), 0.0);
            }
        }
        for (String name : List.of("geopera.outbox.backlog", "geopera.outbox.oldest.age.seconds",
                "geopera.outbox.parked.records", "geopera.credits.held", "geopera.ops.snapshot.timestamp.seconds")) {
            zeros.put(key(name), 0.0);
        }
        zeros.put(key("geopera.workers.slots", "state", "busy"), 0.0);
        zeros.put(key("geopera.workers.slots", "state", "free"), 0.0);
        zeros.keySet().forEach(this::register);
    }

    @Scheduled(every = "${geopera.ops.snapshot-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("ops metrics snapshot not refreshed: %s", e.getMessage());
        }
    }

    /** Takes a new snapshot now and publishes it to the gauges. */
    public void refresh() {
        Instant now = clock.instant();
        Map<Key, Double> next = new HashMap<>();
        OpsQueues view = queuesView.queues(null);
        for (OpsQueue queue : view.queues()) {
            String name = queue.queue();
            next.put(key("geopera.queue.backlog", "queue", name),
                    queue.backlog() == null ? Double.NaN : queue.backlog().doubleValue());
            for (OpsPartition partition : queue.partitions()) {
                next.put(key("geopera.queue.partition.backlog", "queue", name, "partition",
                        Integer.toString(partition.partition())), (double) partition.backlog());
            }
            next.put(key("geopera.queue.oldest.queued.age.seconds", "queue", name), queue.oldestQueuedAgeSeconds());
            next.put(key("geopera.queue.unpublished", "queue", name), (double) queue.unpublished());
            next.put(key("geopera.queue.paused", "queue", name), queue.paused() ? 1.0 : 0.0);
            next.put(key("geopera.workers.alive", "queue", name), (double) queue.workersAlive());
        }
        jobs.active().forEach(active -> next.put(key("geopera.jobs", "queue", active.queue(), "status",
                active.status()), (double) active.count()));
        jobs.stuckCounts(jobsView.staleBefore(now), jobsView.queuedBefore(now)).forEach((queue, byReason) ->
                byReason.forEach((reason, count) -> next.put(key("geopera.jobs.stuck", "queue", queue, "reason",
                        reason), count.doubleValue())));
        int busy = 0;
        int free = 0;
        for (WorkerRegistryStore.Worker worker : workers.heardSince(now.minus(config.reaper().heartbeatTimeout()))) {
            busy += worker.slotsBusy();
            free += Math.max(0, worker.slots() - worker.slotsBusy());
        }
        next.put(key("geopera.workers.slots", "state", "busy"), (double) busy);
        next.put(key("geopera.workers.slots", "state", "free"), (double) free);
        OutboxStore.Pending pending = outbox.pending();
        next.put(key("geopera.outbox.backlog"), (double) pending.total());
        next.put(key("geopera.outbox.oldest.age.seconds"), OpsQueuesView.ageSeconds(pending.oldestCreatedAt(), now));
        next.put(key("geopera.outbox.parked.records"), (double) outbox.parkedCount());
        next.put(key("geopera.credits.held"), (double) credits.heldCredits());
        deadLetters(next);
        next.put(key("geopera.ops.snapshot.timestamp.seconds"), now.toEpochMilli() / 1000.0);
        values = next;
        next.keySet().forEach(this::register);
        if (view.kafkaReadable()) {
            workers.forgetSilentSince(now.minus(config.ops().forgetWorkersAfter()));
        }
    }

    /** Records in each dead-letter topic; left as they were when Kafka does not answer. */
    private void deadLetters(Map<Key, Double> next) {
        List<String> deadLetterTopics = topicNames.topicNames().stream().filter(t -> t.endsWith(".dlq")).toList();
        try {
            Map<String, Long> records = new HashMap<>();
            offsets.logs(deadLetterTopics).forEach(log -> records.merge(log.partition().topic(),
                    Math.max(0, log.end() - log.start()), Long::sum));
            deadLetterTopics.forEach(t -> next.put(key("geopera.dead.letter.records", "topic", t),
                    records.getOrDefault(t, 0L).doubleValue()));
        } catch (RuntimeException e) {
            values.forEach((k, v) -> {
                if (k.name().equals("geopera.dead.letter.records")) {
                    next.put(k, v);
                }
            });
        }
    }

    private void register(Key key) {
        if (registered.add(key)) {
            Gauge.builder(key.name(), this, metrics -> metrics.values.getOrDefault(key, 0.0)).tags(key.tags())
                    .strongReference(true).register(registry);
        }
    }

    private static Key key(String name, String... tags) {
        return new Key(name, Tags.of(tags));
    }
}
