package com.geopera.api.store;

import com.geopera.api.store.entity.JobEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The audit of worker events; the primary key on {@code event_id} is what makes the consumer idempotent. */
@ApplicationScoped
public class JobEventStore implements PanacheRepositoryBase<JobEventEntity, String> {

    @Inject
    Db db;

    /** One event to record, with what was done with it. */
    public record Row(String eventId, String jobId, int attempt, String type, Instant occurredAt, Instant receivedAt,
            String outcome, String payload) {
    }

    /** Which of these event ids were recorded before. One statement, however many ids. */
    public Set<String> recorded(Collection<String> eventIds) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT event_id FROM job_events WHERE event_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", eventIds.toArray()));
                Set<String> found = new HashSet<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Records events with their outcomes, one statement for all of them. An id recorded meanwhile (only possible
     * for an event of an unknown job: the events of a known job are applied under its row lock, after
     * {@link #recorded}) keeps its first row ({@code ON CONFLICT DO NOTHING}).
     */
    public void insertAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO job_events (event_id, job_id, attempt, type, "
                    + "occurred_at, received_at, outcome, payload) SELECT e, j, a, t, CAST(o AS timestamptz), "
                    + "CAST(r AS timestamptz), oc, CAST(p AS jsonb) "
                    + "FROM unnest(?, ?, ?, ?, ?, ?, ?, ?) AS u(e, j, a, t, o, r, oc, p) "
                    + "ON CONFLICT (event_id) DO NOTHING")) {
                s.setArray(1, c.createArrayOf("text", rows.stream().map(Row::eventId).toArray()));
                s.setArray(2, c.createArrayOf("text", rows.stream().map(Row::jobId).toArray()));
                s.setArray(3, c.createArrayOf("integer", rows.stream().map(Row::attempt).toArray()));
                s.setArray(4, c.createArrayOf("text", rows.stream().map(Row::type).toArray()));
                s.setArray(5, c.createArrayOf("text", rows.stream().map(row -> text(row.occurredAt())).toArray()));
                s.setArray(6, c.createArrayOf("text", rows.stream().map(row -> text(row.receivedAt())).toArray()));
                s.setArray(7, c.createArrayOf("text", rows.stream().map(Row::outcome).toArray()));
                s.setArray(8, c.createArrayOf("text", rows.stream().map(Row::payload).toArray()));
                return s.executeUpdate();
            }
        });
    }

    /** An instant as ISO-8601 text at the database's precision (arrays of it are bound as text and cast). */
    private static String text(Instant instant) {
        return instant == null ? null : Timestamps.toDbPrecision(instant).toString();
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
