package com.geopera.api.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records, one per (org, key). */
@ApplicationScoped
public class IdempotencyStore {
    @Inject
    Db db;

    /** A stored record; {@code responseStatus} and {@code responseBody} are set once the first request finished. */
    public record Record(String operation, byte[] requestHash, String state, Integer responseStatus,
            byte[] responseBody, Instant createdAt, Instant expiresAt) {
    }

    /** Inserts an in-flight record; false when one exists for this key. */
    public boolean tryInsert(String orgId, String key, String operation, byte[] hash, Instant now, Instant expiresAt) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_records (org_id, idempotency_key, "
                    + "operation, request_hash, state, created_at, expires_at) VALUES (?,?,?,?,'in_flight',?,?) "
                    + "ON CONFLICT DO NOTHING")) {
                s.setString(1, orgId);
                s.setString(2, key);
                s.setString(3, operation);
                s.setBytes(4, hash);
                Sql.setInstant(s, 5, now);
                Sql.setInstant(s, 6, expiresAt);
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<Record> lock(String orgId, String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT operation, request_hash, state, response_status, "
                    + "response_body, created_at, expires_at FROM idempotency_records WHERE org_id = ? "
                    + "AND idempotency_key = ? FOR UPDATE")) {
                s.setString(1, orgId);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    int status = r.getInt(4);
                    return Optional.of(new Record(r.getString(1), r.getBytes(2), r.getString(3),
                            r.wasNull() ? null : status, r.getBytes(5), Sql.instant(r, "created_at"),
                            Sql.instant(r, "expires_at")));
                }
            }
        });
    }

    /** Starts the record over as in flight (an expired or abandoned one). */
    public void restart(String orgId, String key, String operation, byte[] hash, Instant now, Instant expiresAt) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE idempotency_records SET operation = ?, request_hash = ?, "
                    + "state = 'in_flight', response_status = NULL, response_body = NULL, created_at = ?, expires_at = ? "
                    + "WHERE org_id = ? AND idempotency_key = ?")) {
                s.setString(1, operation);
                s.setBytes(2, hash);
                Sql.setInstant(s, 3, now);
                Sql.setInstant(s, 4, expiresAt);
                s.setString(5, orgId);
                s.setString(6, key);
                return s.executeUpdate();
            }
        });
    }

    public void complete(String orgId, String key, int status, byte[] body) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE idempotency_records SET state = 'done', "
                    + "response_status = ?, response_body = ? WHERE org_id = ? AND idempotency_key = ?")) {
                s.setInt(1, status);
                s.setBytes(2, body);
                s.setString(3, orgId);
                s.setString(4, key);
                return s.executeUpdate();
            }
        });
    }

    public void delete(String orgId, String key) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM idempotency_records WHERE org_id = ? AND idempotency_key = ?")) {
                s.setString(1, orgId);
                s.setString(2, key);
                return s.executeUpdate();
            }
        });
    }

    public int deleteExpired(Instant now) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_records WHERE expires_at < ?")) {
                Sql.setInstant(s, 1, now);
                return s.executeUpdate();
            }
        });
    }
}
