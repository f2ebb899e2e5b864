package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code principals}: who acts; every API key belongs to one. */
@Entity
@Table(name = "principals")
public class PrincipalEntity {
    @Id
    public String principalId;
    /** Null for admin, operator and platform principals. */
    public String orgId;
    public String name;
    public Instant createdAt;
}
