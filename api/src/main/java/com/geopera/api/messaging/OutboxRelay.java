package com.geopera.api.messaging;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.OutboxParking;
import com.geopera.api.service.OutboxWritten;
import com.geopera.api.store.DispatchPositionStore;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.OutboxStore.Message;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka. One round claims the oldest pending rows with {@code FOR UPDATE SKIP LOCKED}
 * (so several api replicas share the work), sends them, waits for the broker's acks and marks the acknowledged ones
 * sent in the same transaction. Records fail one by one: a record that cannot be sent never holds back the others
 * (see {@link #relayOnce}). A broker outage fails the round instead: the rows stay pending and are retried after a
 * pause, so it delays dispatch and loses nothing (delivery is at least once; consumers de-duplicate).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The CloudEvents source of every record the api sends. */
    private static final String SOURCE = "/geopera/api";

    @Inject
    OutboxStore outbox;
    @Inject
    DispatchPositionStore positions;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;
    @Inject
    OutboxParking parking;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    /** Held while the loop runs a round, so {@link #pause()} can wait for it. */
    private final ReentrantLock rounds = new ReentrantLock();
    private volatile Producer<String, String> producer;
    private volatile Thread thread;
    private Counter published;
    private Counter failedRounds;
    private Counter failedSends;
    private Counter parked;

    void start(@Observes StartupEvent event) {
        published = metrics.counter("geopera.outbox.published");
        failedRounds = metrics.counter("geopera.outbox.failed.rounds");
        failedSends = metrics.counter("geopera.outbox.failed.sends");
        parked = metrics.counter("geopera.outbox.parked");
        checkRecordsFit();
        producer = KafkaClients.producer(bootstrapServers);
        running.set(true);
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The largest dispatch command is the inputs cap plus a few ids; refuse to start when a configured cap would let
     * a job's command exceed half the producer's {@code max.request.size}, the margin for headers and ids.
     */
    private void checkRecordsFit() {
        long most = KafkaClients.MAX_REQUEST_BYTES / 2;
        if (config.jobs().maxInputsBytes() > most) {
            throw new IllegalStateException("geopera.jobs.max-inputs-bytes=" + config.jobs().maxInputsBytes()
                    + " would let dispatch commands outgrow the outbox producer's max.request.size of "
                    + KafkaClients.MAX_REQUEST_BYTES + " bytes; keep it at most " + most);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** A transaction wrote to the outbox and committed (without a transaction: at once): publish now. */
    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
        wake();
    }

    /** Asks the relay to look at the outbox now. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /**
     * Stops publishing until {@link #resume()} (operators draining a broker; tests simulating an outage). Returns once
     * a round in progress has ended, so no row committed after this is claimed before {@link #resume()}.
     */
    public void pause() {
        paused.set(true);
        rounds.lock();
        rounds.unlock();
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    private void loop() {
        while (running.get()) {
            try {
                // A full batch (sent or not) means more rows may be waiting: go on at once.
                int claimed = relayUnlessPaused();
                if (claimed >= config.outbox().batchSize()) {
                    continue;
                }
                if (claimed > 0 && !config.outbox().linger().isZero()) {
                    // Busy: let the next round gather the rows committed meanwhile.
                    TimeUnit.NANOSECONDS.sleep(config.outbox().linger().toNanos());
                    wakeUps.drainPermits();
                    continue;
                }
                wakeUps.tryAcquire(config.outbox().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failedRounds.increment();
                LOG.warnf("outbox relay round failed, retrying in %s: %s", config.outbox().retryBackoff(), e.getMessage());
                try {
                    Thread.sleep(config.outbox().retryBackoff().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int relayUnlessPaused() {
        rounds.lock();
        try {
            return paused.get() ? 0 : relay(producer).claimed();
        } finally {
            rounds.unlock();
        }
    }

    /**
     * One round with the given producer: claim, send, wait for acks, mark what was acknowledged as sent; returns how
     * many were published. Each record fails on its own: a record the producer refuses as such (too large,
     * malformed) is parked at once, one that keeps failing while others are acknowledged is parked after
     * {@code geopera.outbox.max-attempts} rounds; a parked dispatch fails its job and releases its hold
     * ({@link OutboxParking}). A round in which nothing was acknowledged and nothing was refused as such is a broker
     * outage: it counts against no record, and this throws so the loop waits before the next round.
     */
    public int relayOnce(Producer<String, String> with) {
        return relay(with).published();
    }

    private Round relay(Producer<String, String> with) {
        Round round = QuarkusTransaction.requiringNew().timeout(60).call(() -> sendRound(with));
        for (Failure failure : round.toPark()) {
            park(failure);
        }
        if (round.outage() != null) {
            throw new IllegalStateException("the broker acknowledged nothing: " + round.outage());
        }
        return round;
    }

    /** What one round did, decided inside its transaction; parking runs after it committed. */
    private record Round(int claimed, int published, List<Failure> toPark, String outage) {
    }

    /** A record that failed this round and how. */
    private record Failure(Message message, Throwable error) {
    }

    private Round sendRound(Producer<String, String> with) throws InterruptedException {
        List<Message> batch = outbox.claim(config.outbox().batchSize());
        if (batch.isEmpty()) {
            return new Round(0, 0, List.of(), null);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Message message : batch) {
            acks.add(send(with, message));
        }
        long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>(batch.size());
        List<Failure> failures = new ArrayList<>();
        List<DispatchPositionStore.Sent> dispatched = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                RecordMetadata landed = acks.get(i).get(left, TimeUnit.NANOSECONDS);
                sent.add(batch.get(i).id());
                DispatchPositionStore.Sent position = position(batch.get(i), landed);
                if (position != null) {
                    dispatched.add(position);
                }
            } catch (ExecutionException | TimeoutException e) {
                failures.add(new Failure(batch.get(i), e));
            }
        }
        if (!sent.isEmpty()) {
            outbox.markSent(sent, clock.instant());
            // The reaper compares these with the worker share group's start offsets (queued jobs still waiting in
            // their queue are never republished).
            positions.record(dispatched, clock.instant());
            published.increment(sent.size());
        }
        List<Failure> toPark = new ArrayList<>();
        String outage = null;
        for (Failure failure : failures) {
            boolean atFault = SendFailures.recordAtFault(failure.error());
            if (!atFault && sent.isEmpty()) {
                // Nothing got through: the broker (or the way to it) is down, which is no fault of this record.
                outage = SendFailures.describe(failure.error());
                continue;
            }
            failedSends.increment();
            outbox.markFailed(failure.message().id(), SendFailures.describe(failure.error()));
            if (atFault || failure.message().attempts() + 1 >= config.outbox().maxAttempts()) {
                toPark.add(failure);
            }
        }
        return new Round(batch.size(), sent.size(), toPark, outage);
    }

    /** Hands the record to the producer; a producer that throws instead of failing the future fails this record. */
    private static Future<RecordMetadata> send(Producer<String, String> with, Message message) {
        try {
            return with.send(record(message));
        } catch (KafkaException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void park(Failure failure) {
        Message message = failure.message();
        String error = SendFailures.describe(failure.error());
        try {
            if (parking.park(message.id(), error)) {
                parked.increment();
                LOG.errorf("outbox record %d (%s for %s on %s) parked after %d attempt(s), it will not be sent: %s",
                        message.id(), message.ceType(), message.key(), message.topic(), message.attempts() + 1, error);
            }
        } catch (RuntimeException e) {
            // The row stays pending; the next round fails it again and parks it then.
            LOG.warnf("could not park outbox record %d yet: %s", message.id(), e.getMessage());
        }
    }

    /** Where a dispatch record landed; null for other records (and for a dispatch whose attempt cannot be read). */
    private static DispatchPositionStore.Sent position(Message message, RecordMetadata landed) {
        if (!CloudEventHeaders.TYPE_DISPATCH.equals(message.ceType()) || landed == null || !landed.hasOffset()) {
            return null;
        }
        int attempt;
        try {
            attempt = Json.mapper().readTree(message.payload()).path("attempt").asInt();
        } catch (java.io.IOException e) {
            // Without a position the reaper treats the job as it did before positions existed; the relay goes on.
            LOG.warnf("outbox row %d: unreadable dispatch, its position is not recorded: %s", message.id(),
                    e.getMessage());
            return null;
        }
        return new DispatchPositionStore.Sent(message.key(), attempt, landed.topic(), landed.partition(),
                landed.offset());
    }

    private static ProducerRecord<String, String> record(Message message) {
        ProducerRecord<String, String> record = new ProducerRecord<>(message.topic(), message.key(), message.payload());
        CloudEventHeaders.of(message.ceId(), message.ceType(), SOURCE, message.createdAt()).forEach(record.headers()::add);
        return record;
    }

    /** Unsent outbox rows (what operators watch during a broker outage). */
    public long backlog() {
        return outbox.unsentCount();
    }
}
