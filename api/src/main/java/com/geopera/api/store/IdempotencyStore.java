package com.geopera.api.store;

import com.geopera.api.store.entity.IdempotencyRecordEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Idempotency-Key records, one per (org, key), written in the transaction of the operation they answer. */
@ApplicationScoped
public class IdempotencyStore implements PanacheRepositoryBase<IdempotencyRecordEntity, IdempotencyRecordEntity.Key> {
    /** Namespace of the advisory locks taken here, so they never meet the created-jobs lock of the same org. */
    private static final String LOCK_NAMESPACE = "idempotency ";

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
        return (Boolean) getEntityManager().createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, LOCK_NAMESPACE + orgId + " " + key).getSingleResult();
    }

    public Optional<Record> find(String orgId, String key) {
        return findByIdOptional(new IdempotencyRecordEntity.Key(orgId, key)).map(r -> new Record(r.operation,
                r.requestHash, r.state, r.responseStatus, r.responseBody, r.createdAt, r.expiresAt));
    }

    /** Stores the key's answer, replacing an expired or abandoned record (the caller holds the key's lock). */
    public void save(String orgId, String key, String operation, byte[] hash, int status, byte[] body, Instant now,
            Instant expiresAt) {
        IdempotencyRecordEntity record = findById(new IdempotencyRecordEntity.Key(orgId, key));
        boolean isNew = record == null;
        if (isNew) {
            record = new IdempotencyRecordEntity();
            record.orgId = orgId;
            record.idempotencyKey = key;
        }
        record.operation = operation;
        record.requestHash = hash;
        record.state = "done";
        record.responseStatus = status;
        record.responseBody = body;
        record.createdAt = now;
        record.expiresAt = expiresAt;
        if (isNew) {
            persist(record);
        }
        flush();
    }

    public int deleteExpired(Instant now) {
        return (int) delete("expiresAt < ?1", now);
    }
}
