package com.geopera.api;

import com.geopera.common.auth.Scope;
import java.util.Set;

/** Who is calling: the principal behind an API key or session, its org (null for admins) and its scopes. */
public record Caller(String principalId, String orgId, String keyId, String sessionId, Set<Scope> scopes) {

    /**
     * The principal a job was submitted for, as the submitter of a new job an operator runs for it
     * ({@code ops.jobs.retry}): its org, no key, no session and no scope of its own.
     */
    public static Caller submitterOf(String principalId, String orgId) {
        return new Caller(principalId, orgId, null, null, Set.of());
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }
}
