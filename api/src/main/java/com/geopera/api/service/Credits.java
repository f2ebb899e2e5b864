package com.geopera.api.service;

import com.geopera.api.store.Db;
import com.geopera.ledger.Balance;
import com.geopera.ledger.GrantResult;
import com.geopera.ledger.Hold;
import com.geopera.ledger.InvariantReport;
import com.geopera.ledger.Ledger;
import com.geopera.ledger.ReleaseResult;
import com.geopera.ledger.ReserveResult;
import com.geopera.ledger.SettleResult;
import com.geopera.ledger.Settlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The ledger on the current transaction's connection: every call joins the caller's transaction, so a job's
 * status, billing block and hold change together or not at all.
 */
@ApplicationScoped
public class Credits {
    @Inject
    Ledger ledger;
    @Inject
    Db db;

    public GrantResult grant(String orgId, long credits, String reference) {
        return db.with(c -> ledger.grant(c, orgId, credits, reference));
    }

    public ReserveResult reserve(String orgId, String jobId, long credits, Duration ttl) {
        return db.with(c -> ledger.reserve(c, orgId, jobId, credits, ttl));
    }

    public SettleResult settle(String jobId, long actualCredits) {
        return db.with(c -> ledger.settle(c, jobId, actualCredits));
    }

    /** Settles many jobs with a handful of statements; one result per settlement, in order. */
    public List<SettleResult> settleAll(List<Settlement> settlements) {
        return db.with(c -> ledger.settleAll(c, settlements));
    }

    public ReleaseResult release(String jobId) {
        return db.with(c -> ledger.release(c, jobId));
    }

    /** Expires the due holds among these jobs (whose rows the caller has locked). */
    public List<String> expire(Instant now, Collection<String> jobIds) {
        return db.with(c -> ledger.expire(c, now, jobIds));
    }

    /** Jobs whose pending hold's TTL passed at {@code now}, oldest expiry first; locks nothing. */
    public List<String> dueHolds(Instant now, int limit) {
        return db.with(c -> ledger.dueHolds(c, now, limit));
    }

    /** The job's hold, if credits were ever reserved for it. */
    public Optional<Hold> hold(String jobId) {
        return db.with(c -> ledger.hold(c, jobId));
    }

    /** Credits in pending holds, all orgs. */
    public long heldCredits() {
        return db.with(ledger::heldCredits);
    }

    public Balance balance(String orgId) {
        return db.with(c -> ledger.balance(c, orgId));
    }

    /** The whole ledger recomputed from its journal: the audit, not for every request. */
    public InvariantReport invariants() {
        return db.with(ledger::checkInvariants);
    }

    /** The org's invariants that cost no more than its slices and pending holds. */
    public InvariantReport orgInvariants(String orgId) {
        return db.with(c -> ledger.checkOrgInvariants(c, orgId));
    }
}
