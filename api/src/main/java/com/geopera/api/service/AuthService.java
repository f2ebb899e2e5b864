package com.geopera.api.service;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.IdentityStore;
import com.geopera.api.store.IdentityStore.Credential;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.id.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Turns bearer tokens into {@link Caller}s and issues session tokens. */
@ApplicationScoped
public class AuthService {
    private static final int MAX_CACHED_CREDENTIALS = 10_000;

    @Inject
    IdentityStore identities;
    @Inject
    Clock clock;
    @Inject
    ApiConfig config;

    /** The caller behind an {@code Authorization} header; 401 for a missing, unknown, revoked or expired token. */
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <gpra_ API key or session token>");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "the Authorization scheme must be Bearer");
        }
        String token = authorization.substring(7).trim();
        Optional<Credential> found = Optional.empty();
        if (Tokens.wellFormed(token, Tokens.API_KEY_PREFIX)) {
            found = cached(token, () -> identities.apiKeyByLookup(Tokens.lookup(token)));
        } else if (Tokens.wellFormed(token, Tokens.SESSION_PREFIX)) {
            found = cached(token, () -> identities.sessionByLookup(Tokens.lookup(token)));
        }
        Credential credential = found.filter(c -> Tokens.matches(token, c.secretHash()))
                .orElseThrow(() -> ApiProblem.of(ErrorCode.UNAUTHENTICATED, "unknown token"));
        if (credential.revoked()) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "the token was revoked");
        }
        if (credential.expiresAt() != null && !clock.instant().isBefore(credential.expiresAt())) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "the session expired");
        }
        Set<Scope> scopes = scopes(credential.scopes());
        // platform:worker counts only on an org-less API key (what admin.api_keys.create makes); a row that says
        // otherwise (a session, an org key) is not a platform worker, whatever it stores. The ops scopes count on
        // org-less keys and their sessions only: an org key is never an operator.
        if (credential.sessionId() != null || credential.orgId() != null) {
            scopes.remove(Scope.PLATFORM_WORKER);
        }
        if (credential.orgId() != null) {
            scopes.removeIf(Scope::isPlatformOnly);
        }
        return new Caller(credential.principalId(), credential.orgId(), credential.keyId(), credential.sessionId(),
                scopes);
    }

    /** A recently read credential row, keyed by token type + lookup. */
    private record CachedCredential(Optional<Credential> credential, long readAtNanos) {
    }

    private final ConcurrentHashMap<String, CachedCredential> credentials = new ConcurrentHashMap<>();

    private Optional<Credential> cached(String token, Supplier<Optional<Credential>> load) {
        long ttlNanos = config.auth().credentialCacheTtl().toNanos();
        if (ttlNanos <= 0) {
            return load.get();
        }
        String key = token.substring(0, Tokens.API_KEY_PREFIX.length()) + Tokens.lookup(token);
        long now = System.nanoTime();
        CachedCredential hit = credentials.get(key);
        if (hit != null && now - hit.readAtNanos() < ttlNanos) {
            return hit.credential();
        }
        Optional<Credential> loaded = load.get();
        if (loaded.isPresent()) {
            if (credentials.size() > MAX_CACHED_CREDENTIALS) {
                credentials.clear();
            }
            credentials.put(key, new CachedCredential(loaded, now));
        }
        return loaded;
    }

    /** Drops every cached credential (after a revocation on this replica). */
    public void forgetCachedCredentials() {
        credentials.clear();
    }

    /** Issues a session token for an API-key caller with the asked scopes (a subset of the key's; all by default). */
    @Transactional
    public Map<String, Object> createSession(Caller caller, List<String> askedScopes, Integer ttlSeconds) {
        if (caller.sessionId() != null) {
            throw ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, "sessions are created with an API key, not a session");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < askedScopes.size(); i++) {
            String asked = askedScopes.get(i);
            Scope scope = parse(asked);
            if (scope == null || !caller.has(scope) || scope == Scope.PLATFORM_WORKER) {
                throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes/" + i,
                        "the key does not carry scope " + asked);
            }
            scopes.add(scope);
        }
        if (askedScopes.isEmpty()) {
            scopes.addAll(caller.scopes());
            scopes.remove(Scope.PLATFORM_WORKER);
        }
        Duration ttl = ttlSeconds == null ? config.auth().sessionTtl() : Duration.ofSeconds(ttlSeconds);
        if (ttl.compareTo(config.auth().sessionMaxTtl()) > 0) {
            ttl = config.auth().sessionMaxTtl();
        }
        Instant now = clock.instant();
        String token = Tokens.newToken(Tokens.SESSION_PREFIX);
        String sessionId = Ids.next("ses");
        List<String> scopeNames = scopes.stream().map(Scope::value).toList();
        identities.insertSession(sessionId, caller.keyId(), Tokens.lookup(token), Tokens.hash(token), scopeNames, now,
                now.plus(ttl));
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("session_id", sessionId);
        session.put("token", token);
        session.put("token_type", "Bearer");
        session.put("key_id", caller.keyId());
        session.put("org_id", caller.orgId());
        session.put("scopes", scopeNames);
        session.put("created_at", now);
        session.put("expires_at", now.plus(ttl));
        return session;
    }

    /** Revokes one session of the caller's key; this replica's credential cache is dropped after the commit. */
    public Map<String, Object> revokeSession(Caller caller, String sessionId) {
        boolean revoked = QuarkusTransaction.requiringNew().call(
                () -> identities.revokeSession(sessionId, caller.keyId(), clock.instant()));
        forgetCachedCredentials();
        if (!revoked) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "no session " + sessionId + " of this key");
        }
        return Map.of("session_id", sessionId, "revoked", true);
    }

    /**
     * Ends the session whose token made this call (logout); this replica's credential cache is dropped after the
     * commit, other replicas refuse the token within {@code geopera.auth.credential-cache-ttl}. API keys are not
     * sessions: they are revoked by an admin.
     */
    public Map<String, Object> logout(Caller caller) {
        if (caller.sessionId() == null) {
            throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/headers/Authorization",
                    "logout ends the session of a session token (gprs_…); an API key is revoked with "
                            + "admin.api_keys.revoke");
        }
        QuarkusTransaction.requiringNew().run(() -> identities.revokeSessionById(caller.sessionId(), clock.instant()));
        forgetCachedCredentials();
        return Map.of("session_id", caller.sessionId(), "revoked", true);
    }

    static Set<Scope> scopes(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            Scope scope = parse(name);
            if (scope != null) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    static Scope parse(String name) {
        try {
            return Scope.fromValue(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
