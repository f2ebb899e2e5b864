package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records, one per (org, key), written in the transaction of the operation they answer. */
@ApplicationScoped
public class IdempotencyStore {
    /** Namespace of the advisory locks taken here, so they never meet the created-jobs lock of the same org. */
    private static final String LOCK_NAMESPACE = "idempotency ";

    @Inject
    Db db;

    /** A stored record; {@code responseStatus} and {@code responseBody} are the answer to replay. */
    public record Record(String operation, byte[] requestHash, String state, Integer responseStatus,
            byte[] responseBody, Instant createdAt, Instant expiresAt) {
    }

    /**
     * Takes the key for the rest of the current transaction without waiting; false when another transaction holds
     * it (a request with this key is running). The lock is PostgreSQL's, so it ends with the transaction, even when
     * the api process dies, and a crashed request never leaves the key blocked. Org ids contain no space, so
     * "org key" names one key only; two keys sharing a 64-bit hash at the same moment would only see a 409.
     */
    public boolean tryLock(String orgId, String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
                s.setString(1, LOCK_NAMESPACE + orgId + " " + key);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            }
        });
    }

    public Optional<Record> find(String orgId, String key) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT operation, request_hash, state, response_status, "
                    + "response_body, created_at, expires_at FROM idempotency_records WHERE org_id = ? "
                    + "AND idempotency_key = ?")) {
                s.setString(1, orgId);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    int status = r.getInt(4);
                    Integer responseStatus = r.wasNull() ? null : status;
                    return Optional.of(new Record(r.getString(1), r.getBytes(2), r.getString(3),
                            responseStatus, r.getBytes(5), Timestamps.get(r, "created_at"),
                            Timestamps.get(r, "expires_at")));
                }
            }
        });
    }

    /** Stores the key's answer, replacing an expired or abandoned record (the caller holds the key's lock). */
    public void save(String orgId, String key, String operation, byte[] hash, int status, byte[] body, Instant now,
            Instant expiresAt) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_records (org_id, idempotency_key, "
                    + "operation, request_hash, state, response_status, response_body, created_at, expires_at) "
                    + "VALUES (?,?,?,?,'done',?,?,?,?) ON CONFLICT (org_id, idempotency_key) DO UPDATE SET "
                    + "operation = excluded.operation, request_hash = excluded.request_hash, state = 'done', "
                    + "response_status = excluded.response_status, response_body = excluded.response_body, "
                    + "created_at = excluded.created_at, expires_at = excluded.expires_at")) {
                s.setString(1, orgId);
                s.setString(2, key);
                s.setString(3, operation);
                s.setBytes(4, hash);
                s.setInt(5, status);
                s.setBytes(6, body);
                Timestamps.set(s, 7, now);
                Timestamps.set(s, 8, expiresAt);
                return s.executeUpdate();
            }
        });
    }

    public int deleteExpired(Instant now) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_records WHERE expires_at < ?")) {
                Timestamps.set(s, 1, now);
                return s.executeUpdate();
            }
        });
    }
}
