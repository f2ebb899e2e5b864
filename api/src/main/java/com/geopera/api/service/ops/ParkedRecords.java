package com.geopera.api.service.ops;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.contract.ops.OpsParkedRecords;
import com.geopera.api.contract.ops.OpsParkedRecords.OpsParkedRecord;
import com.geopera.api.contract.ops.OpsRecordState;
import com.geopera.api.messaging.OutboxRelay;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.OutboxStore.Parked;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.JobStatus;
import com.geopera.common.messaging.CloudEventHeaders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Outbox records the relay parked ({@code service.OutboxParking}), and what operators do with them: replay (back in
 * the relay's work) or discard (kept for the audit, no longer parked work).
 */
@ApplicationScoped
public class ParkedRecords {
    static final String REPLAY = "ops.outbox.replay";
    static final String DISCARD = "ops.outbox.discard";

    @Inject
    OutboxStore outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OpsAudit audit;
    @Inject
    Clock clock;

    public OpsParkedRecords list(int limit) {
        return new OpsParkedRecords(outbox.parked(limit).stream().map(p -> new OpsParkedRecord(p.id(), p.topic(),
                p.key(), p.ceType(), p.attempts(), p.lastError(), p.createdAt(), p.parkedAt(), p.jobStatus())).toList());
    }

    /**
     * Puts a parked record back in the relay's work. A parked dispatch failed its job ({@code dispatch_failed}) and
     * released its hold, so publishing it would run a job nobody pays for: it is replayed only while its job is still
     * queued (parked without its job being failed); otherwise 409, and the job is retried instead
     * ({@code ops.jobs.retry}), which holds its credits again and writes a new command.
     */
    public OpsRecordState replay(Caller caller, long id, String reason) {
        OpsRecordState state = QuarkusTransaction.requiringNew().call(() -> {
            Parked record = lockParked(id);
            if (CloudEventHeaders.TYPE_DISPATCH.equals(record.ceType())
                    && !JobStatus.QUEUED.wireName().equals(record.jobStatus())) {
                throw ApiProblem.of(ErrorCode.ILLEGAL_TRANSITION, "record " + id + " dispatches job " + record.key()
                        + ", which is " + record.jobStatus() + ": retry the job with ops.jobs.retry instead");
            }
            outbox.unpark(id);
            long auditId = audit.record(caller, REPLAY, Long.toString(id), reason, OpsAudit.detail()
                    .put("topic", record.topic()).put("key", record.key()).put("type", record.ceType()));
            return new OpsRecordState(id, "pending", auditId);
        });
        relay.wake();
        return state;
    }

    /** Marks a parked record discarded. */
    public OpsRecordState discard(Caller caller, long id, String reason) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Parked record = lockParked(id);
            outbox.discard(id, clock.instant());
            long auditId = audit.record(caller, DISCARD, Long.toString(id), reason, OpsAudit.detail()
                    .put("topic", record.topic()).put("key", record.key()).put("type", record.ceType()));
            return new OpsRecordState(id, "discarded", auditId);
        });
    }

    /** The record, locked; 404 when there is none, 409 when it is not parked work (pending, sent or discarded). */
    private Parked lockParked(long id) {
        Parked record = outbox.lockForAction(id)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "no unsent outbox record " + id));
        if (record.parkedAt() == null || record.discardedAt() != null) {
            throw ApiProblem.of(ErrorCode.ILLEGAL_TRANSITION, "outbox record " + id + " is not parked"
                    + (record.discardedAt() != null ? " (it was discarded)" : ""));
        }
        return record;
    }
}
