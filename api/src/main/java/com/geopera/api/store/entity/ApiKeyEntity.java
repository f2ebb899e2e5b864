package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code api_keys}: a key {@code gpra_<lookup>_<secret>} of which only SHA-256(secret) is stored. */
@Entity
@Table(name = "api_keys")
public class ApiKeyEntity {
    @Id
    public String keyId;
    public String principalId;
    /** Null for keys of no org (admin, operators, the platform worker). */
    public String orgId;
    public String name;
    public String lookup;
    public byte[] secretHash;
    /** The scope names ({@code text[]}). */
    public String[] scopes;
    public Instant createdAt;
    public Instant revokedAt;
}
