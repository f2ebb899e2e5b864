package com.geopera.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.store.JobStore;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.OutboxStore.Message;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.CloudEventHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Parks an outbox record the relay cannot publish, and fails the job a parked dispatch command would have started:
 * otherwise that job would sit in {@code queued} holding its credits until the hold expires.
 */
@ApplicationScoped
public class OutboxParking {
    @Inject
    OutboxStore outbox;
    @Inject
    JobStore jobs;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    Clock clock;

    /**
     * In a transaction of its own, so one record that cannot be parked (its job locked for too long, say) never
     * undoes the relay's round. Returns false when the row was sent or parked meanwhile, or another replica holds it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean park(long outboxId, String error) {
        Message message = outbox.lockPending(outboxId).orElse(null);
        if (message == null) {
            return false;
        }
        Instant now = clock.instant();
        outbox.park(message.id(), error, now);
        if (CloudEventHeaders.TYPE_DISPATCH.equals(message.ceType())) {
            int attempt = attemptOf(message);
            // Only the attempt this command announced fails: a parked command of an attempt the reaper has since
            // replaced changes nothing.
            jobs.lock(message.key()).filter(job -> job.status() == JobStatus.QUEUED && job.attempt() == attempt)
                    .ifPresent(job -> lifecycle.dispatchFailed(job, error, now));
        }
        return true;
    }

    private static int attemptOf(Message message) {
        try {
            return Json.mapper().readTree(message.payload()).path("attempt").asInt(-1);
        } catch (JsonProcessingException e) {
            return -1;
        }
    }
}
