package com.geopera.api.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
                Sql.setInstant(s, 6, now);
                return s.executeUpdate();
            }
        });
    }

    /** Locks the oldest pending (unsent, not parked) rows, skipping rows another relay holds (several api replicas). */
    public List<Message> claim(int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + MESSAGE_COLUMNS + " FROM outbox "
                    + "WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
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
                        r.getString(5), r.getString(6), Sql.instant(r, "created_at"), r.getInt(8)));
            }
        }
        return messages;
    }

    public void markSent(List<Long> ids, Instant now) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ANY (?)")) {
                Sql.setInstant(s, 1, now);
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
                Sql.setInstant(s, 1, now);
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
                Sql.setInstant(s, 1, sentBefore);
                s.setInt(2, limit);
                return s.executeUpdate();
            }
        });
    }
}
