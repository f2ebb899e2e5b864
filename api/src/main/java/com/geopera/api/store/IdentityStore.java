package com.geopera.api.store;

import com.geopera.common.jdbc.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Orgs, workspaces, projects, members, principals, API keys and sessions. */
@ApplicationScoped
public class IdentityStore {
    @Inject
    Db db;

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
        update("INSERT INTO orgs (org_id, name, created_at) VALUES (?,?,?)", orgId, name, now);
    }

    public boolean orgExists(String orgId) {
        return exists("SELECT 1 FROM orgs WHERE org_id = ?", orgId);
    }

    public void insertWorkspace(Workspace w) {
        update("INSERT INTO workspaces (workspace_id, org_id, name, created_at) VALUES (?,?,?,?)",
                w.workspaceId(), w.orgId(), w.name(), w.createdAt());
    }

    public Optional<Workspace> workspace(String workspaceId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT workspace_id, org_id, name, created_at FROM workspaces WHERE workspace_id = ?")) {
                s.setString(1, workspaceId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Workspace(r.getString(1), r.getString(2), r.getString(3),
                            Timestamps.get(r, "created_at"))) : Optional.empty();
                }
            }
        });
    }

    public void insertProject(Project p) {
        update("INSERT INTO projects (project_id, org_id, workspace_id, name, created_at) VALUES (?,?,?,?,?)",
                p.projectId(), p.orgId(), p.workspaceId(), p.name(), p.createdAt());
    }

    public Optional<Project> project(String projectId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT project_id, org_id, workspace_id, name, created_at FROM projects WHERE project_id = ?")) {
                s.setString(1, projectId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Project(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), Timestamps.get(r, "created_at"))) : Optional.empty();
                }
            }
        });
    }

    public void insertPrincipal(String principalId, String orgId, String name, Instant now) {
        update("INSERT INTO principals (principal_id, org_id, name, created_at) VALUES (?,?,?,?)",
                principalId, orgId, name, now);
    }

    public Optional<String> principalOrg(String principalId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(org_id, '') FROM principals WHERE principal_id = ?")) {
                s.setString(1, principalId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Adds a member; adding one twice is harmless. */
    public void addMember(String projectId, String principalId, Instant now) {
        update("INSERT INTO project_members (project_id, principal_id, added_at) VALUES (?,?,?) ON CONFLICT DO NOTHING",
                projectId, principalId, now);
    }

    public boolean isMember(String projectId, String principalId) {
        return exists2("SELECT 1 FROM project_members WHERE project_id = ? AND principal_id = ?", projectId, principalId);
    }

    public void insertApiKey(ApiKey key, String lookup, byte[] secretHash) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (key_id, principal_id, org_id, name, "
                    + "lookup, secret_hash, scopes, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, key.keyId());
                s.setString(2, key.principalId());
                s.setString(3, key.orgId());
                s.setString(4, key.name());
                s.setString(5, lookup);
                s.setBytes(6, secretHash);
                s.setArray(7, c.createArrayOf("text", key.scopes().toArray()));
                Timestamps.set(s, 8, key.createdAt());
                return s.executeUpdate();
            }
        });
    }

    public Optional<ApiKey> apiKey(String keyId) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT key_id, principal_id, org_id, name, scopes, created_at, "
                    + "revoked_at FROM api_keys WHERE key_id = ?")) {
                s.setString(1, keyId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new ApiKey(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), strings(r.getArray(5)), Timestamps.get(r, "created_at"),
                            Timestamps.get(r, "revoked_at"))) : Optional.empty();
                }
            }
        });
    }

    public boolean lookupExists(String lookup) {
        return exists("SELECT 1 FROM api_keys WHERE lookup = ?", lookup);
    }

    public void revokeApiKey(String keyId, Instant now) {
        update("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE key_id = ?", now, keyId);
    }

    public Optional<Credential> apiKeyByLookup(String lookup) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT key_id, principal_id, org_id, secret_hash, scopes, "
                    + "revoked_at FROM api_keys WHERE lookup = ?")) {
                s.setString(1, lookup);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Credential(r.getString(1), null, r.getString(2), r.getString(3),
                            r.getBytes(4), strings(r.getArray(5)), null, r.getTimestamp(6) != null)) : Optional.empty();
                }
            }
        });
    }

    public Optional<Credential> sessionByLookup(String lookup) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT s.key_id, s.session_id, k.principal_id, k.org_id, "
                    + "s.secret_hash, s.scopes, s.expires_at, (s.revoked_at IS NOT NULL OR k.revoked_at IS NOT NULL) "
                    + "FROM sessions s JOIN api_keys k ON k.key_id = s.key_id WHERE s.lookup = ?")) {
                s.setString(1, lookup);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Credential(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getBytes(5), strings(r.getArray(6)), Timestamps.get(r, "expires_at"),
                            r.getBoolean(8))) : Optional.empty();
                }
            }
        });
    }

    public void insertSession(String sessionId, String keyId, String lookup, byte[] secretHash, List<String> scopes,
            Instant createdAt, Instant expiresAt) {
        db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (session_id, key_id, lookup, secret_hash, "
                    + "scopes, created_at, expires_at) VALUES (?,?,?,?,?,?,?)")) {
                s.setString(1, sessionId);
                s.setString(2, keyId);
                s.setString(3, lookup);
                s.setBytes(4, secretHash);
                s.setArray(5, c.createArrayOf("text", scopes.toArray()));
                Timestamps.set(s, 6, createdAt);
                Timestamps.set(s, 7, expiresAt);
                return s.executeUpdate();
            }
        });
    }

    /** Revokes a session of the given key; false when there is no such session. */
    public boolean revokeSession(String sessionId, String keyId, Instant now) {
        return update("UPDATE sessions SET revoked_at = coalesce(revoked_at, ?) WHERE session_id = ? AND key_id = ?",
                now, sessionId, keyId) == 1;
    }

    /**
     * Replaces the secret hash of the bootstrap admin key (the configured key changed but kept its lookup). Only an
     * unrevoked admin key without org qualifies: a revoked key stays revoked, and an org key is never taken over.
     * False when no such key was changed.
     */
    public boolean replaceBootstrapSecret(String lookup, byte[] secretHash) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET secret_hash = ? WHERE lookup = ? "
                    + "AND revoked_at IS NULL AND org_id IS NULL AND 'admin' = ANY (scopes)")) {
                s.setBytes(1, secretHash);
                s.setString(2, lookup);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Revokes the session behind the calling token (logout); false when it was already revoked. */
    public boolean revokeSessionById(String sessionId, Instant now) {
        return update("UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL",
                now, sessionId) == 1;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private boolean exists(String sql, String id) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    private boolean exists2(String sql, String a, String b) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, a);
                s.setString(2, b);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    private int update(String sql, Object... args) {
        return db.with(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof Instant instant) {
                        Timestamps.set(s, i + 1, instant);
                    } else {
                        s.setObject(i + 1, args[i]);
                    }
                }
                return s.executeUpdate();
            }
        });
    }
}
