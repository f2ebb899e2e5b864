package com.geopera.api.store.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A row of {@code project_members}: a principal that may see a project's jobs. */
@Entity
@Table(name = "project_members")
@IdClass(ProjectMemberEntity.Key.class)
public class ProjectMemberEntity {
    @Id
    public String projectId;
    @Id
    public String principalId;
    public Instant addedAt;

    /** The primary key (project, principal). */
    public record Key(String projectId, String principalId) implements Serializable {
    }
}
