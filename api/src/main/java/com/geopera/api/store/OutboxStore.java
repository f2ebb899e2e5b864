package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transactional outbox: rows written with the state change they announce, claimed by the relay. */
@ApplicationScoped
public class OutboxStore {
    @Inject
    Db db;

    private static final String MESSAGE_COLUMNS = "id, topic, message_key, ce_id, ce_type, payload, created_at, attempts";

    /** One message waiting to be published; {@code attempts} counts its failed tries so far. */
    public record Message(long id, String topic, String key, String ceId, String ceType, String payload,
            Instant createdAt, int attempts) {
    }

    public void insert(String topic, String key, String ceId, String ceType, String payload, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (topic, message_key, ce_id, ce_type, "
                    + "payload, created_at) VALUES (?,?,?,?,?,?)")) {
                s.setString(1, topic);
                s.setString(2, key);
                s.setString(3, ceId);
                s.setString(4, ceType);
                s.setString(5, payload);
                Timestamps.set(s, 6, now);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Locks the oldest pending (unsent, not parked) rows, skipping rows another relay holds (several api replicas)
     * and rows of a paused queue's topic ({@link QueuePauseStore}), which wait there until the queue is resumed.
     */
    public List<Message> claim(int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox o "
                    + "WHERE sent_at IS NULL AND parked_at IS NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM ops_queue_pauses p WHERE p.topic = o.topic) "
                    + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                s.setInt(1, limit);
                return readAll(s);
            }
        });
    }

    /** Locks one row if it is still pending and nobody else holds it (the relay parking it). */
    public Optional<Message> lockPending(long id) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox "
                    + "WHERE id = ? AND sent_at IS NULL AND parked_at IS NULL FOR UPDATE SKIP LOCKED")) {
                s.setLong(1, id);
                List<Message> found = readAll(s);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    private static List<Message> readAll(PreparedStatement s) throws java.sql.SQLException {
        List<Message> messages = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                messages.add(new Message(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6), Timestamps.get(r, "created_at"), r.getInt(8)));
            }
        }
        return messages;
    }

    public void markSent(List<Long> ids, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ANY (?)")) {
                Timestamps.set(s, 1, now);
                s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                return s.executeUpdate();
            }
        });
    }

    /** One failed try of one row: its attempts grow and its error is kept for operators. */
    public void markFailed(long id, String error) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
                s.setString(1, error);
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** Takes a row out of the relay's work for good, with the error that made it unsendable. */
    public void park(long id, String error, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET parked_at = ?, last_error = ? WHERE id = ?")) {
                Timestamps.set(s, 1, now);
                s.setString(2, error);
                s.setLong(3, id);
                return s.executeUpdate();
            }
        });
    }

    /** Parked rows for one message key (a job id), for tests and operators. */
    public long parkedFor(String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND message_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** Pending rows (neither sent nor parked, held ones included) per topic, and the oldest one's time. */
    public record Pending(Map<String, Long> byTopic, long total, Instant oldestCreatedAt) {
    }

    public Pending pending() {
        return db.with(c -> {
            Map<String, Long> byTopic = new HashMap<>();
            long total = 0;
            Instant oldest = null;
            try (PreparedStatement s = c.prepareStatement("SELECT topic, count(*), min(created_at) FROM outbox "
                    + "WHERE sent_at IS NULL AND parked_at IS NULL GROUP BY topic"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byTopic.put(r.getString(1), r.getLong(2));
                    total += r.getLong(2);
                    Instant created = Timestamps.get(r, 3);
                    oldest = oldest == null || created.isBefore(oldest) ? created : oldest;
                }
            }
            return new Pending(byTopic, total, oldest);
        });
    }

    /**
     * Waits until no relay round holds a pending row of the topic (a round locks the rows it claimed until it has
     * marked them sent), and returns how many are pending. Called after a pause committed: once this returns, no row
     * of the topic is published until the pause ends.
     */
    public long awaitRoundsOf(String topic) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (SELECT id FROM outbox WHERE topic = ? "
                    + "AND sent_at IS NULL AND parked_at IS NULL FOR UPDATE) held")) {
                s.setString(1, topic);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** A parked row as operators see it, with the status of the job it is about. */
    public record Parked(long id, String topic, String key, String ceType, int attempts, String lastError,
            Instant createdAt, Instant parkedAt, Instant discardedAt, String jobStatus) {
    }

    /** Parked rows not discarded, newest first. */
    public List<Parked> parked(int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(PARKED_SELECT + "WHERE o.parked_at IS NOT NULL "
                    + "AND o.discarded_at IS NULL ORDER BY o.parked_at DESC, o.id DESC LIMIT ?")) {
                s.setInt(1, limit);
                return readParked(s);
            }
        });
    }

    /** Reads and locks one row for an operator's action on it; empty when there is no such row or it was sent. */
    public Optional<Parked> lockForAction(long id) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(PARKED_SELECT + "WHERE o.id = ? AND o.sent_at IS NULL "
                    + "FOR UPDATE OF o")) {
                s.setLong(1, id);
                List<Parked> found = readParked(s);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    private static final String PARKED_SELECT = "SELECT o.id, o.topic, o.message_key, o.ce_type, o.attempts, "
            + "o.last_error, o.created_at, o.parked_at, o.discarded_at, j.status FROM outbox o "
            + "LEFT JOIN jobs j ON j.job_id = o.message_key ";

    private static List<Parked> readParked(PreparedStatement s) throws java.sql.SQLException {
        List<Parked> found = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                found.add(new Parked(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                        r.getString(6), Timestamps.get(r, "created_at"), Timestamps.get(r, "parked_at"),
                        Timestamps.get(r, "discarded_at"), r.getString(10)));
            }
        }
        return found;
    }

    /** Puts a parked row back in the relay's work, its failed tries forgotten. */
    public void unpark(long id) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET parked_at = NULL, attempts = 0 WHERE id = ? AND discarded_at IS NULL")) {
                s.setLong(1, id);
                return s.executeUpdate();
            }
        });
    }

    /** Marks a parked row discarded: kept for the audit, no longer parked work. */
    public void discard(long id, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET discarded_at = ? WHERE id = ?")) {
                Timestamps.set(s, 1, now);
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    /** Parked rows not discarded. */
    public long parkedCount() {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND discarded_at IS NULL");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    public long unsentCount() {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Unsent rows still to be published (not parked) for one message key (a job id), for tests and operators. */
    public long unsentFor(String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL AND message_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * Deletes up to {@code limit} rows sent before {@code sentBefore} (they carried the job's full inputs and are
     * of no use once Kafka has them); unsent rows are never touched. Returns how many.
     */
    public int deleteSentBefore(Instant sentBefore, int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox "
                    + "WHERE sent_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)")) {
                Timestamps.set(s, 1, sentBefore);
                s.setInt(2, limit);
                return s.executeUpdate();
            }
        });
    }
}
