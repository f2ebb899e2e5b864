package com.geopera.api;

import com.geopera.common.auth.Scope;
import java.util.Set;

/** Who is calling: the principal behind an API key or session, its org (null for admins) and its scopes. */
public record Caller(String principalId, String orgId, String keyId, String sessionId, Set<Scope> scopes) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }
}
