package com.geopera.api.service;

import com.geopera.api.store.IdentityStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;

/**
 * The org that owns a workspace or a project, for the checks every job's create makes. A workspace or project is
 * never moved to another org nor deleted, so its owner is kept in memory after the first read (bounded; an evicted
 * one is read again) and a create reads neither row again. An id not found is not kept: it may be created later,
 * by this replica or another. Read only by operations that write no workspace or project in their transaction,
 * so what is kept has committed.
 */
@ApplicationScoped
public class OwningOrgs {
    private static final int KEPT = 100_000;

    private final Cache<String, String> workspaces = Caffeine.newBuilder().maximumSize(KEPT).build();
    private final Cache<String, String> projects = Caffeine.newBuilder().maximumSize(KEPT).build();

    @Inject
    IdentityStore identities;

    public Optional<String> ofWorkspace(String workspaceId) {
        return owner(workspaces, workspaceId,
                id -> identities.workspace(id).map(IdentityStore.Workspace::orgId).orElse(null));
    }

    public Optional<String> ofProject(String projectId) {
        return owner(projects, projectId,
                id -> identities.project(id).map(IdentityStore.Project::orgId).orElse(null));
    }

    private static Optional<String> owner(Cache<String, String> kept, String id, Function<String, String> read) {
        String org = kept.getIfPresent(id);
        if (org == null) {
            org = read.apply(id);
            if (org != null) {
                kept.put(id, org);
            }
        }
        return Optional.ofNullable(org);
    }
}
