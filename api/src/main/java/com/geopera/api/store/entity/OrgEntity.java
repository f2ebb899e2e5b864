package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code orgs}: a customer organisation. */
@Entity
@Table(name = "orgs")
public class OrgEntity {
    @Id
    public String orgId;
    public String name;
    public Instant createdAt;
}
