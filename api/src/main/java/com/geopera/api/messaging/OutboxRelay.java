package com.geopera.api.messaging;

import com.geopera.api.config.ApiConfig;
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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka. One round claims the oldest unsent rows with {@code FOR UPDATE SKIP LOCKED}
 * (so several api replicas share the work), sends them, waits for the broker's acks and marks them sent in the
 * same transaction. A failed round rolls back: the rows stay unsent and are retried after a pause, so a broker
 * outage delays dispatch and loses nothing (delivery is at least once; consumers de-duplicate).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

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
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile Producer<String, String> producer;
    private volatile Thread thread;
    private Counter published;
    private Counter failedRounds;

    void start(@Observes StartupEvent event) {
        published = metrics.counter("geopera.outbox.published");
        failedRounds = metrics.counter("geopera.outbox.failed.rounds");
        producer = KafkaClients.producer(bootstrapServers);
        running.set(true);
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
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

    /** Asks the relay to look at the outbox now (called after a transaction that wrote to it committed). */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Stops publishing until {@link #resume()} (operators draining a broker; tests simulating an outage). */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
        wake();
    }

    private void loop() {
        while (running.get()) {
            try {
                int sent = paused.get() ? 0 : relayOnce(producer);
                if (sent >= config.outbox().batchSize()) {
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

    /**
     * One round with the given producer: claim, send, wait for acks, mark sent; returns how many were published.
     * Throws (and leaves the rows unsent) when the broker does not acknowledge in time.
     */
    public int relayOnce(Producer<String, String> with) {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            List<Message> batch = outbox.claim(config.outbox().batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (Message message : batch) {
                acks.add(with.send(record(message)));
            }
            long deadline = System.nanoTime() + config.outbox().sendTimeout().toNanos();
            List<Long> ids = new ArrayList<>(batch.size());
            List<DispatchPositionStore.Sent> dispatched = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                long left = Math.max(1, deadline - System.nanoTime());
                RecordMetadata landed = acks.get(i).get(left, TimeUnit.NANOSECONDS);
                ids.add(batch.get(i).id());
                DispatchPositionStore.Sent position = position(batch.get(i), landed);
                if (position != null) {
                    dispatched.add(position);
                }
            }
            outbox.markSent(ids, clock.instant());
            // The reaper compares these with the worker group's committed offsets (queued jobs still waiting in
            // their queue are never republished).
            positions.record(dispatched, clock.instant());
            published.increment(ids.size());
            return ids.size();
        });
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
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(record, CloudEventHeaders.ID, message.ceId());
        header(record, CloudEventHeaders.TYPE, message.ceType());
        header(record, CloudEventHeaders.SOURCE, "/geopera/api");
        header(record, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(message.createdAt()));
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Unsent outbox rows (what operators watch during a broker outage). */
    public long backlog() {
        return outbox.unsentCount();
    }
}
