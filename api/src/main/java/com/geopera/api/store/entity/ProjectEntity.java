package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code projects}: jobs shared by the project's members. */
@Entity
@Table(name = "projects")
public class ProjectEntity {
    @Id
    public String projectId;
    public String orgId;
    /** Null for a project in no workspace. */
    public String workspaceId;
    public String name;
    public Instant createdAt;
}
