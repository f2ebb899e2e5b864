package com.geopera.api.store;

import com.geopera.api.store.entity.ApiKeyEntity;
import com.geopera.api.store.entity.OrgEntity;
import com.geopera.api.store.entity.PrincipalEntity;
import com.geopera.api.store.entity.ProjectEntity;
import com.geopera.api.store.entity.ProjectMemberEntity;
import com.geopera.api.store.entity.SessionEntity;
import com.geopera.api.store.entity.WorkspaceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orgs, workspaces, projects, members, principals, API keys and sessions, as Hibernate entities
 * ({@code store.entity}). Every write is flushed at once, so a constraint fails at its call (as a JDBC statement
 * would) and the JDBC code later in the same transaction (the ledger, the outbox) sees the row.
 */
@ApplicationScoped
public class IdentityStore {
    @Inject
    EntityManager em;

    /** A stored API key or session as authentication needs it. */
    public record Credential(String keyId, String sessionId, String principalId, String orgId, byte[] secretHash,
            List<String> scopes, Instant expiresAt, boolean revoked) {
    }

    public record Workspace(String workspaceId, String orgId, String name, Instant createdAt) {
    }

    public record Project(String projectId, String orgId, String workspaceId, String name, Instant createdAt) {
    }

    public record ApiKey(String keyId, String principalId, String orgId, String name, List<String> scopes,
            Instant createdAt, Instant revokedAt) {
    }

    public void insertOrg(String orgId, String name, Instant now) {
        OrgEntity org = new OrgEntity();
        org.orgId = orgId;
        org.name = name;
        org.createdAt = now;
        persist(org);
    }

    public boolean orgExists(String orgId) {
        return em.find(OrgEntity.class, orgId) != null;
    }

    public void insertWorkspace(Workspace w) {
        WorkspaceEntity row = new WorkspaceEntity();
        row.workspaceId = w.workspaceId();
        row.orgId = w.orgId();
        row.name = w.name();
        row.createdAt = w.createdAt();
        persist(row);
    }

    public Optional<Workspace> workspace(String workspaceId) {
        return Optional.ofNullable(em.find(WorkspaceEntity.class, workspaceId))
                .map(w -> new Workspace(w.workspaceId, w.orgId, w.name, w.createdAt));
    }

    public void insertProject(Project p) {
        ProjectEntity row = new ProjectEntity();
        row.projectId = p.projectId();
        row.orgId = p.orgId();
        row.workspaceId = p.workspaceId();
        row.name = p.name();
        row.createdAt = p.createdAt();
        persist(row);
    }

    public Optional<Project> project(String projectId) {
        return Optional.ofNullable(em.find(ProjectEntity.class, projectId))
                .map(p -> new Project(p.projectId, p.orgId, p.workspaceId, p.name, p.createdAt));
    }

    public void insertPrincipal(String principalId, String orgId, String name, Instant now) {
        PrincipalEntity row = new PrincipalEntity();
        row.principalId = principalId;
        row.orgId = orgId;
        row.name = name;
        row.createdAt = now;
        persist(row);
    }

    /** The principal's org, {@code ""} for a principal of no org. */
    public Optional<String> principalOrg(String principalId) {
        return Optional.ofNullable(em.find(PrincipalEntity.class, principalId))
                .map(p -> p.orgId == null ? "" : p.orgId);
    }

    /**
     * Adds a member; adding one twice is harmless, also when two requests add the same member at once: the insert
     * stays one statement with {@code ON CONFLICT DO NOTHING} (a look-up before it would let the second one fail).
     */
    public void addMember(String projectId, String principalId, Instant now) {
        em.createNativeQuery("INSERT INTO project_members (project_id, principal_id, added_at) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT DO NOTHING").setParameter(1, projectId).setParameter(2, principalId)
                .setParameter(3, now).executeUpdate();
    }

    public boolean isMember(String projectId, String principalId) {
        return em.find(ProjectMemberEntity.class, new ProjectMemberEntity.Key(projectId, principalId)) != null;
    }

    public void insertApiKey(ApiKey key, String lookup, byte[] secretHash) {
        ApiKeyEntity row = new ApiKeyEntity();
        row.keyId = key.keyId();
        row.principalId = key.principalId();
        row.orgId = key.orgId();
        row.name = key.name();
        row.lookup = lookup;
        row.secretHash = secretHash;
        row.scopes = key.scopes().toArray(String[]::new);
        row.createdAt = key.createdAt();
        persist(row);
    }

    public Optional<ApiKey> apiKey(String keyId) {
        return Optional.ofNullable(em.find(ApiKeyEntity.class, keyId)).map(k -> new ApiKey(k.keyId, k.principalId,
                k.orgId, k.name, List.of(k.scopes), k.createdAt, k.revokedAt));
    }

    public boolean lookupExists(String lookup) {
        return keyByLookup(lookup).isPresent();
    }

    public void revokeApiKey(String keyId, Instant now) {
        ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
        if (key != null && key.revokedAt == null) {
            key.revokedAt = now;
            em.flush();
        }
    }

    public Optional<Credential> apiKeyByLookup(String lookup) {
        return keyByLookup(lookup).map(k -> new Credential(k.keyId, null, k.principalId, k.orgId, k.secretHash,
                List.of(k.scopes), null, k.revokedAt != null));
    }

    /** A session with its key, read together (one statement, the key joined). */
    public Optional<Credential> sessionByLookup(String lookup) {
        List<Object[]> found = em.createQuery("SELECT s, k FROM SessionEntity s, ApiKeyEntity k "
                + "WHERE k.keyId = s.keyId AND s.lookup = :lookup", Object[].class)
                .setParameter("lookup", lookup).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionEntity s = (SessionEntity) found.get(0)[0];
        ApiKeyEntity k = (ApiKeyEntity) found.get(0)[1];
        return Optional.of(new Credential(s.keyId, s.sessionId, k.principalId, k.orgId, s.secretHash,
                List.of(s.scopes), s.expiresAt, s.revokedAt != null || k.revokedAt != null));
    }

    public void insertSession(String sessionId, String keyId, String lookup, byte[] secretHash, List<String> scopes,
            Instant createdAt, Instant expiresAt) {
        SessionEntity row = new SessionEntity();
        row.sessionId = sessionId;
        row.keyId = keyId;
        row.lookup = lookup;
        row.secretHash = secretHash;
        row.scopes = scopes.toArray(String[]::new);
        row.createdAt = createdAt;
        row.expiresAt = expiresAt;
        persist(row);
    }

    /** Revokes a session of the given key; false when there is no such session. */
    public boolean revokeSession(String sessionId, String keyId, Instant now) {
        SessionEntity session = em.find(SessionEntity.class, sessionId);
        if (session == null || !session.keyId.equals(keyId)) {
            return false;
        }
        if (session.revokedAt == null) {
            session.revokedAt = now;
            em.flush();
        }
        return true;
    }

    /**
     * Replaces the secret hash of the bootstrap admin key (the configured key changed but kept its lookup). Only an
     * unrevoked admin key without org qualifies: a revoked key stays revoked, and an org key is never taken over.
     * False when no such key was changed.
     */
    public boolean replaceBootstrapSecret(String lookup, byte[] secretHash) {
        Optional<ApiKeyEntity> key = keyByLookup(lookup)
                .filter(k -> k.revokedAt == null && k.orgId == null && List.of(k.scopes).contains("admin"));
        key.ifPresent(k -> {
            k.secretHash = secretHash;
            em.flush();
        });
        return key.isPresent();
    }

    /** Revokes the session behind the calling token (logout); false when it was already revoked. */
    public boolean revokeSessionById(String sessionId, Instant now) {
        SessionEntity session = em.find(SessionEntity.class, sessionId);
        if (session == null || session.revokedAt != null) {
            return false;
        }
        session.revokedAt = now;
        em.flush();
        return true;
    }

    private Optional<ApiKeyEntity> keyByLookup(String lookup) {
        return em.createQuery("FROM ApiKeyEntity WHERE lookup = :lookup", ApiKeyEntity.class)
                .setParameter("lookup", lookup).getResultStream().findFirst();
    }

    private void persist(Object row) {
        em.persist(row);
        em.flush();
    }
}
