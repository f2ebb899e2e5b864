package com.geopera.api.service;

import com.geopera.api.ApiProblem;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.HoldJobConsistency;
import com.geopera.api.store.IdentityStore;
import com.geopera.api.store.IdentityStore.ApiKey;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.id.Ids;
import com.geopera.ledger.Balance;
import com.geopera.ledger.GrantResult;
import com.geopera.ledger.Granted;
import com.geopera.ledger.Violation;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The {@code admin.*} operations (scope {@code admin}) and the bootstrap admin key. */
@ApplicationScoped
public class AdminService {
    private static final Logger LOG = Logger.getLogger(AdminService.class);
    private static final List<String> OPERATOR_KEY_SCOPES = List.of(Scope.OPS_READ.value(), Scope.OPS_WRITE.value(),
            Scope.ADMIN.value());

    @Inject
    IdentityStore identities;
    @Inject
    Credits credits;
    @Inject
    AuthService auth;
    @Inject
    HoldJobConsistency holdsAndJobs;
    @Inject
    LedgerAudit ledgerAudit;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** Registers {@code geopera.admin.bootstrap-key} (hashed) so the first admin can log in. */
    void registerBootstrapKey(@Observes StartupEvent event) {
        config.admin().bootstrapKey().filter(k -> !k.isBlank()).ifPresent(this::registerBootstrapKey);
    }

    /**
     * Registers a bootstrap admin key, as every start does. A key whose lookup is known gets the configured secret
     * (the operator changed it) unless it was revoked: a revocation is final, so a leaked bootstrap key that an
     * admin revoked does not come back at the next restart. To rotate, configure a new key (another lookup),
     * restart, and revoke the old one with admin.api_keys.revoke.
     */
    public void registerBootstrapKey(String key) {
        if (!Tokens.wellFormed(key, Tokens.API_KEY_PREFIX)) {
            LOG.error("geopera.admin.bootstrap-key must start with gpra_ and have at least 33 characters; ignored");
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            String lookup = Tokens.lookup(key);
            if (identities.lookupExists(lookup)) {
                if (!identities.replaceBootstrapSecret(lookup, Tokens.hash(key))) {
                    LOG.warn("the configured bootstrap admin key was revoked (or is not an admin key) and stays so; "
                            + "configure a new key to regain access");
                }
                return;
            }
            Instant now = clock.instant();
            String principalId = Ids.next("prn");
            identities.insertPrincipal(principalId, null, "bootstrap admin", now);
            identities.insertApiKey(new ApiKey(Ids.next("key"), principalId, null, "bootstrap admin",
                    List.of(Scope.ADMIN.value()), now, null), lookup, Tokens.hash(key));
            LOG.info("bootstrap admin key registered");
        });
    }

    @Transactional
    public Map<String, Object> createOrg(String name) {
        Instant now = clock.instant();
        String orgId = Ids.next("org");
        identities.insertOrg(orgId, name, now);
        return map("org_id", orgId, "name", name, "created_at", now);
    }

    @Transactional
    public Map<String, Object> createWorkspace(String orgId, String name) {
        requireOrg(orgId);
        Instant now = clock.instant();
        String workspaceId = Ids.next("ws");
        identities.insertWorkspace(new IdentityStore.Workspace(workspaceId, orgId, name, now));
        return map("workspace_id", workspaceId, "org_id", orgId, "name", name, "created_at", now);
    }

    @Transactional
    public Map<String, Object> createProject(String orgId, String workspaceId, String name) {
        requireOrg(orgId);
        if (workspaceId != null && identities.workspace(workspaceId).filter(w -> w.orgId().equals(orgId)).isEmpty()) {
            throw ApiProblem.invalid(InputErrorCodes.UNKNOWN_WORKSPACE, "/workspace_id", "no workspace " + workspaceId
                    + " in org " + orgId);
        }
        Instant now = clock.instant();
        String projectId = Ids.next("prj");
        identities.insertProject(new IdentityStore.Project(projectId, orgId, workspaceId, name, now));
        return map("project_id", projectId, "org_id", orgId, "workspace_id", workspaceId, "name", name, "created_at", now);
    }

    /** Adds the principal (given directly or as the owner of a key) to a project of the same org. */
    @Transactional
    public Map<String, Object> addMember(String projectId, String keyId, String principalId) {
        IdentityStore.Project project = identities.project(projectId)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "no project " + projectId));
        String principal = principalId;
        if (principal == null) {
            principal = identities.apiKey(keyId).map(ApiKey::principalId)
                    .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "no key " + keyId));
        }
        String principalOrg = identities.principalOrg(principal)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "no principal " + principalId));
        if (!principalOrg.equals(project.orgId())) {
            throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, keyId != null ? "/key_id" : "/principal_id",
                    "members must belong to the project's org");
        }
        identities.addMember(projectId, principal, clock.instant());
        return map("project_id", projectId, "principal_id", principal, "org_id", project.orgId());
    }

    /** Creates a key with its own principal; the secret is returned once and stored only as a hash. */
    @Transactional
    public Map<String, Object> createApiKey(String orgId, String name, List<String> scopeNames, String principalId) {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < scopeNames.size(); i++) {
            Scope scope = AuthService.parse(scopeNames.get(i));
            if (scope == null) {
                throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes/" + i, "unknown scope "
                        + scopeNames.get(i));
            }
            if (scope == Scope.ADMIN && orgId != null) {
                throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes/" + i,
                        "admin keys belong to no org; omit org_id");
            }
            // The platform's worker principal is nobody's customer key: no org, and no other scope beside it.
            if (scope == Scope.PLATFORM_WORKER && (orgId != null || scopeNames.size() != 1)) {
                throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes/" + i,
                        "platform:worker keys carry only that scope and belong to no org; omit org_id");
            }
            // Operators act on every org's jobs and queues: their keys belong to no org.
            if ((scope == Scope.OPS_READ || scope == Scope.OPS_WRITE) && orgId != null) {
                throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes/" + i,
                        "ops:read and ops:write keys belong to no org; omit org_id");
            }
            if (!scopes.contains(scope.value())) {
                scopes.add(scope.value());
            }
        }
        boolean operator = scopes.contains(Scope.OPS_READ.value()) || scopes.contains(Scope.OPS_WRITE.value());
        if (operator && !OPERATOR_KEY_SCOPES.containsAll(scopes)) {
            throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/scopes",
                    "operator keys carry ops:read, ops:write and admin only: customer scopes need an org");
        }
        if (orgId == null && !operator && !scopes.contains(Scope.ADMIN.value())
                && !scopes.contains(Scope.PLATFORM_WORKER.value())) {
            throw ApiProblem.invalid(InputErrorCodes.REQUIRED, "/org_id", "org_id is required for non-admin keys");
        }
        if (orgId != null) {
            requireOrg(orgId);
        }
        Instant now = clock.instant();
        String principal = principalId;
        if (principal == null) {
            principal = Ids.next("prn");
            identities.insertPrincipal(principal, orgId, name, now);
        } else if (!identities.principalOrg(principal).orElseThrow(
                () -> ApiProblem.of(ErrorCode.NOT_FOUND, "no principal " + principalId)).equals(orgId == null ? "" : orgId)) {
            throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, "/principal_id", "the principal is of another org");
        }
        String token = Tokens.newToken(Tokens.API_KEY_PREFIX);
        String keyId = Ids.next("key");
        identities.insertApiKey(new ApiKey(keyId, principal, orgId, name, scopes, now, null), Tokens.lookup(token),
                Tokens.hash(token));
        return map("key_id", keyId, "api_key", token, "principal_id", principal, "org_id", orgId, "name", name,
                "scopes", scopes, "created_at", now);
    }

    /** Revokes a key (and so its sessions); this replica's credential cache is dropped once the revocation committed. */
    public Map<String, Object> revokeApiKey(String keyId) {
        Map<String, Object> answer = QuarkusTransaction.requiringNew().call(() -> {
            ApiKey key = identities.apiKey(keyId).orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "no key " + keyId));
            Instant now = clock.instant();
            identities.revokeApiKey(keyId, now);
            return map("key_id", keyId, "org_id", key.orgId(), "revoked", true,
                    "revoked_at", key.revokedAt() == null ? now : key.revokedAt());
        });
        auth.forgetCachedCredentials();
        return answer;
    }

    @Transactional
    public Map<String, Object> grant(String orgId, long amount, String reference) {
        requireOrg(orgId);
        String ref = reference == null ? Ids.next("grant") : reference;
        GrantResult result = credits.grant(orgId, amount, ref);
        if (!(result instanceof Granted granted)) {
            throw ApiProblem.invalid(InputErrorCodes.NOT_ALLOWED_VALUE, reference == null ? "/credits" : "/reference",
                    "the ledger refused the grant: " + result.code());
        }
        Map<String, Object> answer = balanceOf(orgId, granted.balance());
        answer.put("granted", amount);
        answer.put("reference", ref);
        answer.put("already_granted", granted.alreadyGranted());
        return answer;
    }

    /**
     * The org's balance with the invariants of the org that cost no more than its jobs in flight: the ledger's
     * ({@code Ledger.checkOrgInvariants}: no slice below zero, pending counters equal to its pending holds) and the
     * api's (no pending hold without a job or of a finished job). The whole-ledger recompute is {@link #audit}.
     */
    @Transactional
    public Map<String, Object> balance(String orgId) {
        requireOrg(orgId);
        return balanceOf(orgId, credits.balance(orgId));
    }

    /** The full audit of the books ({@code admin.ledger.audit}); also the gauge {@code geopera_ledger_invariant_violations}. */
    public Map<String, Object> audit() {
        LedgerAudit.Report report = ledgerAudit.run();
        Map<String, Object> answer = map("invariants_ok", report.ok(), "violations", views(report.violations()));
        answer.put("checked_at", report.checkedAt());
        answer.put("duration_ms", report.took().toMillis());
        return answer;
    }

    private Map<String, Object> balanceOf(String orgId, Balance balance) {
        List<Violation> violations = new ArrayList<>(credits.orgInvariants(orgId).violations());
        violations.addAll(holdsAndJobs.pendingViolations(orgId));
        Map<String, Object> answer = map("org_id", orgId, "posted", balance.posted(), "pending", balance.pending(),
                "available", balance.available());
        answer.put("invariants_ok", violations.isEmpty());
        answer.put("violations", views(violations));
        return answer;
    }

    private static List<Map<String, Object>> views(List<Violation> violations) {
        return violations.stream().map(v -> map("code", v.code(), "subject", v.subject(), "detail", v.detail()))
                .toList();
    }

    private void requireOrg(String orgId) {
        if (!identities.orgExists(orgId)) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "no org " + orgId);
        }
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
