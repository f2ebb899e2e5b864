package com.geopera.api.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transactional outbox: rows written with the state change they announce, claimed by the relay. */
@ApplicationScoped
public class OutboxStore {
    @Inject
    Db db;

    /** One message waiting to be published. */
    public record Message(long id, String topic, String key, String ceId, String ceType, String payload,
            Instant createdAt) {
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

    /** Locks the oldest unsent rows, skipping rows another relay holds (several api replicas). */
    public List<Message> claim(int limit) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, topic, message_key, ce_id, ce_type, payload, "
                    + "created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                s.setInt(1, limit);
                List<Message> messages = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        messages.add(new Message(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), Sql.instant(r, "created_at")));
                    }
                }
                return messages;
            }
        });
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

    public void markFailed(List<Long> ids, String error) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ANY (?)")) {
                s.setString(1, error);
                s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                return s.executeUpdate();
            }
        });
    }

    public long unsentCount() {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Unsent rows for one message key (a job id), for tests and operators. */
    public long unsentFor(String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND message_key = ?")) {
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
