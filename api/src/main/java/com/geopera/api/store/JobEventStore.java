package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;

/** The audit of worker events; the primary key on {@code event_id} is what makes the consumer idempotent. */
@ApplicationScoped
public class JobEventStore {
    @Inject
    Db db;

    /** Records an event; false when this event id was seen before. */
    public boolean insertIfNew(String eventId, String jobId, int attempt, String type, Instant occurredAt,
            Instant receivedAt, String payload) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_events (event_id, job_id, attempt, type, "
                    + "occurred_at, received_at, outcome, payload) VALUES (?,?,?,?,?,?,'received',CAST(? AS jsonb)) "
                    + "ON CONFLICT (event_id) DO NOTHING")) {
                s.setString(1, eventId);
                s.setString(2, jobId);
                s.setInt(3, attempt);
                s.setString(4, type);
                Timestamps.set(s, 5, occurredAt);
                Timestamps.set(s, 6, receivedAt);
                s.setString(7, payload);
                return s.executeUpdate() == 1;
            }
        });
    }

    public void setOutcome(String eventId, String outcome) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE job_events SET outcome = ? WHERE event_id = ?")) {
                s.setString(1, outcome);
                s.setString(2, eventId);
                return s.executeUpdate();
            }
        });
    }

    public String outcome(String eventId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM job_events WHERE event_id = ?")) {
                s.setString(1, eventId);
                try (var r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    /**
     * Deletes up to {@code limit} HEARTBEAT and PROGRESS rows received before {@code receivedBefore}; lifecycle
     * events (STARTED, COMPLETED, FAILED, CANCELLED) are kept as the job's audit. Returns how many.
     */
    public int deleteProgressBefore(Instant receivedBefore, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_events WHERE event_id IN (SELECT event_id "
                    + "FROM job_events WHERE type IN ('HEARTBEAT','PROGRESS') AND received_at < ? LIMIT ? "
                    + "FOR UPDATE SKIP LOCKED)")) {
                Timestamps.set(s, 1, receivedBefore);
                s.setInt(2, limit);
                return s.executeUpdate();
            }
        });
    }

    /** Deletes every event of these jobs (jobs deleted by retention); returns how many. */
    public int deleteOfJobs(Collection<String> jobIds) {
        return db.with(c -> Sql.deleteOfJobs(c, "job_events", jobIds));
    }
}
