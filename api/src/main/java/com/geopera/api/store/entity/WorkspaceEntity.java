package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code workspaces}: a group of an org's jobs. */
@Entity
@Table(name = "workspaces")
public class WorkspaceEntity {
    @Id
    public String workspaceId;
    public String orgId;
    public String name;
    public Instant createdAt;
}
