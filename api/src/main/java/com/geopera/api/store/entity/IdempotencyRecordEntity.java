package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A row of {@code idempotency_records}: the answer given to one Idempotency-Key of an org. */
@Entity
@Table(name = "idempotency_records")
@IdClass(IdempotencyRecordEntity.Key.class)
public class IdempotencyRecordEntity {
    @Id
    public String orgId;
    @Id
    public String idempotencyKey;
    public String operation;
    public byte[] requestHash;
    /** {@code in_flight} or {@code done}. */
    public String state;
    public Integer responseStatus;
    public byte[] responseBody;
    public Instant createdAt;
    public Instant expiresAt;

    /** The primary key (org, key). */
    public record Key(String orgId, String idempotencyKey) implements Serializable {
    }
}
