package com.geopera.worker.messaging;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.worker.Admission;
import com.geopera.worker.RejectedDispatchException;
import com.geopera.worker.config.DispatchConfig;
import com.geopera.worker.service.DispatchValidator;
import com.geopera.worker.service.JobLauncher;
import com.geopera.worker.service.JobSlots;
import com.geopera.worker.service.WorkerMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes the dispatch commands of the served queues from the workers' share group, on its own thread (a share
 * consumer is single-threaded). It polls only while this worker has a free slot, one record at a time, so a record
 * is acquired by a worker whose slots are busy only when the client's background fetch outlives the poll that filled
 * the last slot (what it then holds is released, below). A worker serving one queue whose dispatch topic has one
 * partition shares it with every member and stays in the group while busy; otherwise it leaves the group until a
 * slot frees, so that its partitions go to workers that can start a job now ({@link DispatchMembership},
 * docs/WORKER.md, "Dispatch"). A record is
 * <ul>
 *   <li>accepted once its job's STARTED is durable, or when it needs no run (a duplicate, superseded, cancelled
 *       before it started);</li>
 *   <li>released when this worker cannot run it after all (shutting down, STARTED refused by the broker), so that
 *       another worker gets it at once;</li>
 *   <li>rejected once a record this worker can never run is in {@code <topic>.dlq}.</li>
 * </ul>
 * Outcomes are decided on job threads and producer callbacks, and come back to the polling thread through a queue:
 * it alone acknowledges. A member that stays while busy (its one partition is never taken from it) commits each
 * acknowledgement at once; any other member sends them with its next poll or when it leaves, because the client
 * (4.2) silently drops a committed acknowledgement of a partition taken from the member meanwhile, and only those
 * two paths send it regardless (docs/WORKER.md, "Acknowledgement"). A record of a worker killed before it was
 * acknowledged goes to another worker when its acquisition lock times out.
 */
@ApplicationScoped
public class DispatchConsumer {
    private static final Logger LOG = Logger.getLogger(DispatchConsumer.class);
    /** How often a worker without a free slot looks again; bounds how late a freed slot rejoins the group. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(50);
    /** Wait after a failed poll, commit or group setting before the next try. */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** How much of the log one share fetch may read: a few dispatch records (each about a kilobyte). */
    static final int FETCH_MAX_BYTES = 64 * 1024;
    /** The record lock assumed until the broker has told one (the local and test brokers use 15 s, Kafka 30 s). */
    private static final Duration SHORTEST_LOCK = Duration.ofSeconds(15);
    /** Beyond the drain, how long a shutdown waits for the thread (its last commit and the consumer's close). */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(15);

    /** What became of one record, handed back to the polling thread. */
    private record Outcome(ConsumerRecord<String, String> record, AcknowledgeType type) {
    }

    private final DispatchValidator validator;
    private final JobLauncher launcher;
    private final JobSlots slots;
    private final WorkerMetrics metrics;
    private final DeadLetterPublisher deadLetters;
    private final DispatchShareGroup group;
    private final DispatchConfig config;
    private final DispatchMembership membership;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;
    /** Makes the share consumer of one membership. */
    private final Supplier<ShareConsumer<String, String>> consumers;
    /** The polling thread's consumer while this worker is a member of the group, else null. */
    private ShareConsumer<String, String> consumer;
    /** Whether the current member stays in the group while busy (decided when it joined). */
    private boolean staysWhileBusy;
    /** When the current member last began a poll (or joined), {@link System#nanoTime()}. */
    private long lastPollAt;
    /** Records polled and not yet acknowledged; the polling thread's own. */
    private int inHand;

    public DispatchConsumer(DispatchValidator validator, JobLauncher launcher, JobSlots slots, WorkerMetrics metrics,
                            DeadLetterPublisher deadLetters, DispatchShareGroup group, DispatchConfig config,
                            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.validator = validator;
        this.launcher = launcher;
        this.slots = slots;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.group = group;
        this.config = config;
        this.membership = new DispatchMembership(() -> group.partitionCount(config.topics()), System::nanoTime);
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group.group(),
                ConsumerConfig.CLIENT_ID_CONFIG, group.clientId(),
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
                // At most one record per poll, and no prefetch: a record is acquired only for a slot free now. More
                // would sit acquired while waiting for a slot, and could outlive their acquisition lock.
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // The broker reads up to this much of the log per share fetch and walks every batch of it to find
                // the last one (SharePartition.acquire), while one record is acquired: with the default 50 MiB and a
                // backlog, that walk was 9 % of the broker's CPU. A larger record still comes (KIP-74).
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
        this.consumers = () -> new KafkaShareConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer());
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "geopera-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs before the launcher waits for running jobs: no record is taken from now on. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            thread.join(config.drainTimeout().plus(config.commitTimeout()).plus(CLOSE_MARGIN).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the polling thread runs (the worker's liveness). */
    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    private void run() {
        startFromEarliest();
        try {
            while (running) {
                try {
                    step();
                } catch (KafkaException | IllegalStateException e) {
                    LOG.warnf("dispatch consumer: %s; trying again in %s", e.getMessage(), RETRY_PAUSE);
                    pause(RETRY_PAUSE);
                }
            }
            if (consumer != null) {
                drain();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the dispatch consumer stopped");
        } finally {
            // Closing commits what is acknowledged and releases whatever is still acquired.
            leave();
        }
    }

    /** One turn of the loop. */
    private void step() {
        if (consumer != null) {
            acknowledge(Duration.ZERO);
            if (inHand > 0) {
                // Explicit acknowledgement: every record of a poll is acknowledged before the next poll.
                acknowledge(IDLE_CHECK);
                return;
            }
            if (staysWhileBusy && !membership.staysWhileBusy()) {
                LOG.infof("the dispatch topics no longer have one partition: joining share group %s again",
                        group.group());
                leave(); // the next member leaves while busy, and does not commit acknowledgements on their own
            }
        }
        boolean slotFree = launcher.accepting() && slots.free() > 0;
        if (slotFree && consumer == null) {
            LOG.debugf("a slot is free: joining share group %s", group.group());
            join();
        } else if (!slotFree && consumer != null && !staysWhileBusy) {
            // Nothing is held (every record was acknowledged; closing sends those acknowledgements): the partitions
            // go to the other members at their next heartbeat, and this worker joins again when a slot frees.
            LOG.debugf("every slot is busy: leaving share group %s", group.group());
            leave();
        }
        if (!slotFree) {
            pause(IDLE_CHECK);
            return;
        }
        if (staysWhileBusy && pausedLongerThanHalfALock()) {
            releaseWhatWasFetchedMeanwhile();
            return;
        }
        lastPollAt = System.nanoTime();
        for (ConsumerRecord<String, String> record : consumer.poll(config.pollTimeout())) {
            inHand++;
            handle(record);
        }
    }

    /**
     * Joins the group with a new consumer. Not the same consumer subscribed again: the client (4.2) keeps the
     * partitions of its earlier share session in the new one and fetches from them although they are no longer
     * assigned.
     */
    private void join() {
        staysWhileBusy = membership.staysWhileBusy();
        lastPollAt = System.nanoTime();
        consumer = consumers.get();
        consumer.setAcknowledgementCommitCallback((offsets, failure) -> {
            if (failure != null) {
                LOG.warnf("acknowledgements of %s not committed (%s): those records go to a worker again once their "
                        + "acquisition lock times out", offsets, failure.getMessage());
            }
        });
        try {
            consumer.subscribe(config.topics());
        } catch (RuntimeException e) {
            leave(); // not a member: the next turn joins again
            throw e;
        }
    }

    /**
     * After a pause of a member that stays while busy: the client may have fetched a record after the member's last
     * poll, and keeps it however long the member does not poll. Past its lock the broker gives it to another worker,
     * and this one would still run it when it polls again. So what the buffer holds is released, unrun (one poll that
     * does not wait: what it returns was fetched before it; docs/WORKER.md, "Acknowledgement").
     */
    private void releaseWhatWasFetchedMeanwhile() {
        lastPollAt = System.nanoTime();
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ZERO)) {
            LOG.debugf("%s-%d@%d was fetched while every slot was busy; released", record.topic(),
                    record.partition(), record.offset());
            inHand++;
            released(record);
        }
    }

    /** Whether this member went without a poll for longer than half the acquisition lock of its records. */
    private boolean pausedLongerThanHalfALock() {
        long lockNanos = TimeUnit.MILLISECONDS.toNanos(
                consumer.acquisitionLockTimeoutMs().orElse((int) SHORTEST_LOCK.toMillis()));
        return System.nanoTime() - lastPollAt > lockNanos / 2;
    }

    /** Leaves the group: closing sends the acknowledgements not sent yet and releases what is still acquired. */
    private void leave() {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close(CLOSE_MARGIN);
        } catch (RuntimeException e) {
            LOG.warnf("closing the dispatch consumer: %s", e.getMessage());
        } finally {
            consumer = null;
        }
    }

    /** Starts the record's way to an outcome; every record in hand gets exactly one. */
    private void handle(ConsumerRecord<String, String> record) {
        try {
            take(record);
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s-%d@%d could not be handled; released", record.topic(), record.partition(),
                    record.offset());
            released(record);
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        DispatchJob job;
        try {
            job = validator.validate(record.topic(), record.value());
        } catch (RejectedDispatchException e) {
            LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetters.publish(record, e.getMessage()).whenComplete((written, failure) -> {
                if (failure == null) {
                    metrics.deadLettered();
                    decided(record, AcknowledgeType.REJECT);
                } else {
                    LOG.errorf("%s-%d@%d not dead-lettered (%s); released", record.topic(), record.partition(),
                            record.offset(), failure.getMessage());
                    released(record);
                }
            });
            return;
        }
        CompletionStage<Admission> admission;
        try {
            admission = launcher.admit(job);
        } catch (RuntimeException e) {
            admission = CompletableFuture.failedFuture(e);
        }
        admission.whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.errorf("job %s attempt %d not admitted (%s); released to another worker", job.jobId(),
                        job.attempt(), failure.getMessage());
                released(record);
            } else if (outcome.accepts()) {
                decided(record, AcknowledgeType.ACCEPT);
            } else {
                LOG.infof("job %s attempt %d: this worker is shutting down; released to another worker",
                        job.jobId(), job.attempt());
                released(record);
            }
        });
    }

    private void released(ConsumerRecord<String, String> record) {
        metrics.released();
        decided(record, AcknowledgeType.RELEASE);
    }

    private void decided(ConsumerRecord<String, String> record, AcknowledgeType type) {
        outcomes.add(new Outcome(record, type));
    }

    /**
     * Acknowledges the outcomes that arrived (waiting up to {@code wait} for the first). A member that stays while
     * busy commits them now; any other member's next poll or its leaving sends them.
     */
    private void acknowledge(Duration wait) {
        List<Outcome> done = new ArrayList<>();
        try {
            Outcome first = wait.isZero() ? outcomes.poll() : outcomes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            done.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        outcomes.drainTo(done);
        for (Outcome outcome : done) {
            inHand--;
            try {
                consumer.acknowledge(outcome.record(), outcome.type());
            } catch (IllegalStateException e) {
                // No longer acknowledgeable here (its delivery ended): its lock times out and it is delivered again.
                LOG.warnf("%s-%d@%d could not be acknowledged %s: %s", outcome.record().topic(),
                        outcome.record().partition(), outcome.record().offset(), outcome.type(), e.getMessage());
            }
        }
        if (staysWhileBusy) {
            commit(done);
        }
    }

    /** Commits the acknowledgements of a member that stays while busy: it may not poll again for a long time. */
    private void commit(List<Outcome> done) {
        Map<TopicIdPartition, Optional<KafkaException>> committed = consumer.commitSync(config.commitTimeout());
        committed.forEach((partition, failure) -> failure.ifPresent(e -> LOG.warnf(
                "acknowledgements on %s not committed (%s): its records go to a worker again once their "
                        + "acquisition lock times out", partition, e.getMessage())));
        for (Outcome outcome : done) {
            ConsumerRecord<String, String> record = outcome.record();
            boolean answered = committed.keySet().stream().anyMatch(partition ->
                    partition.topic().equals(record.topic()) && partition.partition() == record.partition());
            if (!answered) {
                LOG.warnf("%s-%d@%d: acknowledgement %s got no answer from the commit: it goes to a worker again "
                        + "once its acquisition lock times out", record.topic(), record.partition(), record.offset(),
                        outcome.type());
            }
        }
    }

    /** On shutdown: the records still in hand settle (started or released) and are acknowledged, within a bound. */
    private void drain() {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (inHand > 0 && System.nanoTime() < deadline) {
            try {
                acknowledge(IDLE_CHECK);
            } catch (KafkaException e) {
                LOG.warnf("dispatch consumer, draining: %s", e.getMessage());
                pause(IDLE_CHECK);
            }
        }
        if (inHand > 0) {
            LOG.warnf("%d dispatch record(s) still unsettled at shutdown: left to their acquisition lock", inHand);
        }
    }

    /** Sets the group to start from the earliest record before joining it, trying again until it is done. */
    private void startFromEarliest() {
        while (running) {
            try {
                group.startFromEarliest();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s; trying again in %s", e.getMessage(), RETRY_PAUSE);
                pause(RETRY_PAUSE);
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
