package com.geopera.api.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.WorkerEvents;
import com.geopera.api.store.TransientFailures;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.retry.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads worker events from {@code <prefix>.jobs.events} (channel {@code job-events}) a poll at a time and applies
 * each poll's events in one transaction ({@link WorkerEvents#applyAll}). Unreadable records, and events that fail
 * for good, go to the dead-letter topic one by one: when a batch fails for good its events are applied again one per
 * transaction, so only the failing one is dead-lettered. Database work that failed transiently (a broken connection,
 * a restarting server, a lost deadlock) is done again, with a growing pause, until it goes through: later events wait
 * for it, so none is applied out of order or lost to the dead-letter topic. Offsets are committed once the poll is
 * applied; an api stopped before that leaves the poll to be read again (events apply once, by {@code event_id}).
 */
@ApplicationScoped
public class JobEventConsumer {
    private static final Logger LOG = Logger.getLogger(JobEventConsumer.class);

    @Inject
    WorkerEvents events;
    @Inject
    ApiConfig config;
    /** Set when the api stops: a failure from then on is the shutdown's (the database closing), not the event's. */
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming("job-events")
    @Blocking
    public CompletionStage<Void> onEvents(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<WorkerEvents.Received> received = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                received.add(new WorkerEvents.Received(read(record.getPayload()), record.getPayload()));
                readable.add(record);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                deadLetter(record, e);
            }
        }
        try {
            applyAll(received, readable);
        } catch (InterruptedException e) {
            // Stopping: leave the poll unacknowledged, so its offsets are not committed and it is read again.
            Thread.currentThread().interrupt();
            LOG.warnf("stopped while applying %d events; they will be read again", received.size());
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    private void applyAll(List<WorkerEvents.Received> received, List<KafkaRecord<String, String>> records)
            throws InterruptedException {
        if (received.isEmpty()) {
            return;
        }
        try {
            applyUntilDone(received);
        } catch (RuntimeException failed) {
            leaveIfStopping(failed);
            if (received.size() == 1) {
                deadLetter(records.get(0), failed);
                return;
            }
            LOG.warnf(failed, "a batch of %d events failed; applying them one at a time", received.size());
            for (int i = 0; i < received.size(); i++) {
                try {
                    applyUntilDone(List.of(received.get(i)));
                } catch (RuntimeException e) {
                    leaveIfStopping(e);
                    deadLetter(records.get(i), e);
                }
            }
        }
    }

    /** Applies the events, again and again while the database fails transiently; other failures are thrown. */
    private void applyUntilDone(List<WorkerEvents.Received> received) throws InterruptedException {
        Backoff backoff = Backoff.unbounded(config.events().retryBackoff(), config.events().retryMaxBackoff());
        for (int attempt = 1; ; attempt++) {
            try {
                events.applyAll(received);
                return;
            } catch (RuntimeException e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                JobEvent first = received.get(0).event();
                LOG.warnf("%d events (first %s, %s of job %s) not applied, try %d: the database failed transiently"
                                + " (%s); trying again in %s", received.size(), first.eventId(), first.type(), first.jobId(),
                        attempt, e.getMessage(), backoff.delayAfter(attempt));
                Thread.sleep(backoff.delayAfter(attempt).toMillis());
            }
        }
    }

    private static JobEvent read(String payload) throws JsonProcessingException {
        JobEvent event = Json.mapper().readValue(payload, JobEvent.class);
        if (event.eventId() == null || event.jobId() == null || event.type() == null) {
            throw new IllegalArgumentException("event without event_id, job_id or type");
        }
        return event;
    }

    /** While the api stops, an event that failed is left to be read again rather than dead-lettered. */
    private void leaveIfStopping(RuntimeException failure) throws InterruptedException {
        if (stopping) {
            InterruptedException stopped = new InterruptedException("the api is stopping: " + failure.getMessage());
            stopped.initCause(failure);
            throw stopped;
        }
    }

    /** Sends the record to the dead-letter topic (the channel's failure strategy) and waits until it is there. */
    private static void deadLetter(KafkaRecord<String, String> record, Throwable reason) {
        LOG.warnf("record of %s-%d with key %s dead-lettered: %s", record.getTopic(), record.getPartition(),
                record.getKey(), reason.getMessage());
        record.nack(reason).toCompletableFuture().join();
    }
}
