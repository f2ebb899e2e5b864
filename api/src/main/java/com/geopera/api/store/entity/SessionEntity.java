package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code sessions}: a short-lived token {@code gprs_<lookup>_<secret>} issued with an API key. */
@Entity
@Table(name = "sessions")
public class SessionEntity {
    @Id
    public String sessionId;
    public String keyId;
    public String lookup;
    public byte[] secretHash;
    /** The scope names ({@code text[]}), a subset of the key's. */
    public String[] scopes;
    public Instant createdAt;
    public Instant expiresAt;
    public Instant revokedAt;
}
