package com.geopera.api.store;

import com.geopera.api.store.entity.JobEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;

/** The audit of worker events; the primary key on {@code event_id} is what makes the consumer idempotent. */
@ApplicationScoped
public class JobEventStore implements PanacheRepositoryBase<JobEventEntity, String> {

    /**
     * Records an event; false when this event id was seen before. One statement with {@code ON CONFLICT DO NOTHING},
     * not a look-up and a persist: when two replicas get the same event at once (a rebalance), the second waits for
     * the first and is told "seen" instead of failing on the key.
     */
    public boolean insertIfNew(String eventId, String jobId, int attempt, String type, Instant occurredAt,
            Instant receivedAt, String payload) {
        return getEntityManager().createNativeQuery("INSERT INTO job_events (event_id, job_id, attempt, type, "
                + "occurred_at, received_at, outcome, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'received', "
                + "CAST(?7 AS jsonb)) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId).setParameter(2, jobId).setParameter(3, attempt).setParameter(4, type)
                .setParameter(5, occurredAt).setParameter(6, receivedAt).setParameter(7, payload)
                .executeUpdate() == 1;
    }

    public void setOutcome(String eventId, String outcome) {
        update("outcome = ?1 WHERE eventId = ?2", outcome, eventId);
    }

    public String outcome(String eventId) {
        return findByIdOptional(eventId).map(e -> e.outcome).orElse(null);
    }

    /**
     * Deletes up to {@code limit} HEARTBEAT and PROGRESS rows received before {@code receivedBefore}; lifecycle
     * events (STARTED, COMPLETED, FAILED, CANCELLED) are kept as the job's audit. Returns how many. SQL, because a
     * batch that skips rows other transactions hold ({@code SKIP LOCKED}) has no HQL form.
     */
    public int deleteProgressBefore(Instant receivedBefore, int limit) {
        return getEntityManager().createNativeQuery("DELETE FROM job_events WHERE event_id IN (SELECT event_id "
                + "FROM job_events WHERE type IN ('HEARTBEAT','PROGRESS') AND received_at < ?1 LIMIT ?2 "
                + "FOR UPDATE SKIP LOCKED)").setParameter(1, receivedBefore).setParameter(2, limit).executeUpdate();
    }

    /** Deletes every event of these jobs (jobs deleted by retention); returns how many. */
    public int deleteOfJobs(Collection<String> jobIds) {
        return (int) delete("jobId IN ?1", jobIds);
    }
}
