package com.geopera.ledger;

import com.geopera.common.jdbc.Timestamps;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The credit ledger: grant, reserve (two-phase hold), settle, release, expire, balance, statement.
 *
 * <p>Every operation runs on the caller's {@link Connection} inside the caller's transaction and never
 * commits, rolls back (other than to a savepoint of its own) or changes auto-commit, so a hold commits or vanishes together with the job change
 * it pays for. Outcomes are result values; a {@link LedgerStorageException} means the database failed and
 * the transaction must be rolled back. Expects READ COMMITTED (PostgreSQL's default): the guards are
 * conditional UPDATEs that re-check the latest row version after waiting for its lock.
 */
public final class Ledger {
    /** How many holds one {@link #expire} call closes at most, so a backlog never makes one huge transaction. */
    public static final int MAX_HOLDS_PER_EXPIRE_CALL = 1_000;

    /**
     * A close can find the hold changed between its conditional UPDATE and its re-read (a concurrent reserve
     * created it, or its TTL passed). Each retry sees a later committed state, so one or two suffice.
     */
    private static final int MAX_CLOSE_ATTEMPTS = 3;

    /** Escrow slices per org account: how many reserves of one org can commit side by side. */
    public static final int DEFAULT_SLICES_PER_ORG = 8;

    private final Clock clock;
    private final int slicesPerOrg;
    private final AccountStore accounts;
    private final HoldStore holds = new HoldStore();
    private final Journal journal = new Journal();
    private final Transfers transfers;
    private final InvariantChecker invariants = new InvariantChecker();
    private final SettleBatch settleBatch;

    public Ledger(Clock clock) {
        this(clock, DEFAULT_SLICES_PER_ORG);
    }

    /**
     * @param slicesPerOrg rows an org's credits are spread over (see {@code ledger_account_slices}); more
     *                     lets more reserves of one org commit at once, fewer keeps small balances in one piece
     */
    public Ledger(Clock clock, int slicesPerOrg) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (slicesPerOrg < 1 || slicesPerOrg > Short.MAX_VALUE) {
            throw new IllegalArgumentException("slicesPerOrg must be in 1.." + Short.MAX_VALUE + ", was " + slicesPerOrg);
        }
        this.slicesPerOrg = slicesPerOrg;
        this.accounts = new AccountStore(new Slices(), slicesPerOrg);
        this.transfers = new Transfers(accounts);
        this.settleBatch = new SettleBatch(holds, accounts, journal);
    }

    /**
     * Adds {@code credits} to the org, creating its account on first use. Idempotent by {@code reference}:
     * the same reference for the same org and amount answers {@code Granted(…, alreadyGranted = true)}.
     */
    public GrantResult grant(Connection c, String orgId, long credits, String reference) {
        requireText(orgId, "orgId");
        requireText(reference, "reference");
        if (credits <= 0) {
            return new InvalidAmount(credits);
        }
        Instant now = now();
        try {
            accounts.ensureOrgAccount(c, orgId, now);
            Optional<JournalEntry> appended = journal.appendGrant(c, orgId, credits, reference, now);
            if (appended.isPresent()) {
                accounts.postGrant(c, orgId, credits);
                return new Granted(appended.get(), balanceOf(c, orgId), false);
            }
            JournalEntry existing = journal.findGrant(c, reference).orElseThrow(
                    () -> new IllegalStateException("grant " + reference + " conflicted but cannot be read"));
            if (existing.orgId().equals(orgId) && existing.postedCredits() == credits) {
                return new Granted(existing, balanceOf(c, orgId), true);
            }
            return new GrantReferenceReused(existing);
        } catch (SQLException e) {
            throw new LedgerStorageException("grant", e);
        }
    }

    /**
     * Holds {@code amountCredits} of the org's available credits for the job until settled, released or
     * {@code ttl} passes. All or nothing; one hold per job: repeating it answers the same hold.
     */
    public ReserveResult reserve(Connection c, String orgId, String jobId, long amountCredits, Duration ttl) {
        requireText(orgId, "orgId");
        requireText(jobId, "jobId");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (amountCredits <= 0) {
            return new InvalidAmount(amountCredits);
        }
        Instant now = now();
        Instant expiresAt = Timestamps.toDbPrecision(now.plus(ttl));
        try {
            int from = ThreadLocalRandom.current().nextInt(slicesPerOrg);
            Transfers.Opened opened = transfers.open(c, orgId, jobId, amountCredits, expiresAt, now,
                    new Transfers.AnySlice(from));
            if (opened.outcome() == Transfers.OpenOutcome.NOT_AVAILABLE) {
                // Every slice with enough may just be locked by transactions about to commit: wait for one.
                transfers.undoPick(c);
                opened = transfers.open(c, orgId, jobId, amountCredits, expiresAt, now, new Transfers.WaitForSlice(from));
            }
            long available = -1;
            if (opened.outcome() == Transfers.OpenOutcome.NOT_AVAILABLE) {
                transfers.undoPick(c);
                // No free slice covers it on its own: lock them all and move credits together, or learn it lacks them.
                Slices.Consolidated consolidated = accounts.consolidate(c, orgId, amountCredits);
                available = consolidated.available();
                if (consolidated.slice().isPresent()) {
                    opened = transfers.open(c, orgId, jobId, amountCredits, expiresAt, now,
                            new Transfers.ThisSlice(consolidated.slice().get()));
                }
            }
            switch (opened.outcome()) {
                case OPENED:
                    return new Reserved(opened.hold(), false);
                case EXISTING:
                    return repeatedReserve(opened.hold(), orgId, amountCredits);
                case HELD_WITHOUT_HOLD:
                    // A concurrent reserve of the same job committed first: give back what we held, answer theirs.
                    accounts.unhold(c, orgId, opened.slice(), amountCredits);
                    return repeatedReserve(holds.find(c, jobId).orElseThrow(), orgId, amountCredits);
                case NOT_AVAILABLE:
                    // The job may have been reserved concurrently since the statement's snapshot: that answer wins.
                    Optional<Hold> concurrent = holds.find(c, jobId);
                    if (concurrent.isPresent()) {
                        return repeatedReserve(concurrent.get(), orgId, amountCredits);
                    }
                    return new InsufficientCredits(available, amountCredits);
                default:
                    throw new IllegalStateException("unknown reserve outcome " + opened.outcome());
            }
        } catch (SQLException e) {
            throw new LedgerStorageException("reserve", e);
        }
    }

    /**
     * Charges {@code min(actualCredits, held)} and gives the rest back, exactly once: repeating it answers
     * the first settlement, whatever {@code actualCredits} says. A hold whose TTL passed is expired instead.
     */
    public SettleResult settle(Connection c, String jobId, long actualCredits) {
        requireText(jobId, "jobId");
        if (actualCredits < 0) {
            return new InvalidAmount(actualCredits);
        }
        try {
            for (int attempt = 0; attempt < MAX_CLOSE_ATTEMPTS; attempt++) {
                Instant now = now();
                Optional<Hold> posted = transfers.post(c, jobId, actualCredits, now);
                if (posted.isPresent()) {
                    Hold hold = posted.get();
                    return new Settled(hold, hold.postedAmount(), hold.releasedAmount(), false);
                }
                Optional<Hold> current = holds.find(c, jobId);
                if (current.isEmpty()) {
                    return new NoHold(jobId);
                }
                Hold hold = current.get();
                switch (hold.status()) {
                    case POSTED:
                        return new Settled(hold, hold.postedAmount(), hold.releasedAmount(), true);
                    case VOIDED:
                        return new HoldAlreadyReleased(hold);
                    case EXPIRED:
                        return new HoldExpired(hold);
                    case PENDING:
                        if (!hold.expiresAt().isAfter(now)) {
                            Optional<Hold> expired = transfers.expireOne(c, jobId, now);
                            if (expired.isPresent()) {
                                return new HoldExpired(expired.get());
                            }
                        }
                        break; // it changed under us: look again
                    default:
                        throw new IllegalStateException("unknown hold status " + hold.status());
                }
            }
            throw new IllegalStateException("hold of " + jobId + " kept changing during settle");
        } catch (SQLException e) {
            throw new LedgerStorageException("settle", e);
        }
    }

    /**
     * Settles several jobs in the caller's transaction with a handful of statements, whatever their number:
     * each result is what {@link #settle} would answer for it, settled one after the other in list order (a
     * job listed twice is answered as a repeat the second time). Holds and slices are locked in the orders
     * every path uses, so concurrent batches never deadlock; meant for consumers that apply many completions
     * per commit.
     *
     * @return one result per settlement, in the same order
     */
    public List<SettleResult> settleAll(Connection c, List<Settlement> settlements) {
        Objects.requireNonNull(settlements, "settlements");
        settlements.forEach(s -> requireText(s.jobId(), "jobId"));
        if (settlements.isEmpty()) {
            return List.of();
        }
        try {
            return settleBatch.settle(c, settlements, now());
        } catch (SQLException e) {
            throw new LedgerStorageException("settleAll", e);
        }
    }

    /**
     * Voids the job's hold and gives all of it back, exactly once: repeating it, or releasing a hold that
     * already expired, answers {@code Released(…, alreadyReleased = true)}.
     */
    public ReleaseResult release(Connection c, String jobId) {
        requireText(jobId, "jobId");
        try {
            for (int attempt = 0; attempt < MAX_CLOSE_ATTEMPTS; attempt++) {
                Instant now = now();
                Optional<Hold> voided = transfers.voidPending(c, jobId, now);
                if (voided.isPresent()) {
                    return new Released(voided.get(), false);
                }
                Optional<Hold> current = holds.find(c, jobId);
                if (current.isEmpty()) {
                    return new NoHold(jobId);
                }
                Hold hold = current.get();
                if (hold.status() == HoldStatus.POSTED) {
                    return new HoldAlreadyPosted(hold);
                }
                if (hold.status() != HoldStatus.PENDING) {
                    return new Released(hold, true);
                }
                // pending again: a concurrent reserve created it after our UPDATE looked; look again
            }
            throw new IllegalStateException("hold of " + jobId + " kept changing during release");
        } catch (SQLException e) {
            throw new LedgerStorageException("release", e);
        }
    }

    /**
     * Voids, as expired, pending holds whose TTL passed at {@code now} (at most
     * {@link #MAX_HOLDS_PER_EXPIRE_CALL}, oldest first; call again while it returns that many).
     *
     * @return the job ids of the holds it expired, oldest expiry first
     */
    public List<String> expire(Connection c, Instant now) {
        return expireAmong(c, now, null);
    }

    /**
     * Like {@link #expire(Connection, Instant)}, but only the holds of these jobs: for a caller that locks its
     * own rows of those jobs first (the api's reaper locks the jobs, then their holds, then slices, the order every
     * other job change takes), and finds them with {@link #dueHolds}.
     */
    public List<String> expire(Connection c, Instant now, Collection<String> jobIds) {
        Objects.requireNonNull(jobIds, "jobIds");
        return jobIds.isEmpty() ? List.of() : expireAmong(c, now, jobIds);
    }

    /** Job ids of pending holds whose TTL passed at {@code now}, oldest expiry first, at most {@code limit}; locks nothing. */
    public List<String> dueHolds(Connection c, Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        try {
            return holds.due(c, Timestamps.toDbPrecision(now), limit);
        } catch (SQLException e) {
            throw new LedgerStorageException("dueHolds", e);
        }
    }

    private List<String> expireAmong(Connection c, Instant now, Collection<String> jobIds) {
        Objects.requireNonNull(now, "now");
        Instant at = Timestamps.toDbPrecision(now);
        try {
            List<HoldStore.InSlice> expired = holds.expireDue(c, at, MAX_HOLDS_PER_EXPIRE_CALL, jobIds);
            if (expired.isEmpty()) {
                return List.of();
            }
            accounts.closeHolds(c, expired);
            List<Hold> expiredHolds = expired.stream().map(HoldStore.InSlice::hold).toList();
            journal.appendCloses(c, expiredHolds, at);
            return expiredHolds.stream()
                    .sorted(Comparator.comparing(Hold::expiresAt).thenComparing(Hold::jobId))
                    .map(Hold::jobId)
                    .toList();
        } catch (SQLException e) {
            throw new LedgerStorageException("expire", e);
        }
    }

    /** The org's posted, pending and available credits; all zero for an org never granted anything. */
    public Balance balance(Connection c, String orgId) {
        requireText(orgId, "orgId");
        try {
            return balanceOf(c, orgId);
        } catch (SQLException e) {
            throw new LedgerStorageException("balance", e);
        }
    }

    /** The org's journal entries created in {@code [fromInclusive, toExclusive)}, in order. */
    public List<JournalEntry> statement(Connection c, String orgId, Instant fromInclusive, Instant toExclusive) {
        requireText(orgId, "orgId");
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toExclusive, "toExclusive");
        try {
            return journal.statement(c, orgId, fromInclusive, toExclusive);
        } catch (SQLException e) {
            throw new LedgerStorageException("statement", e);
        }
    }

    /** Credits held by pending holds of every org: work reserved and not yet settled, released or expired. */
    public long heldCredits(Connection c) {
        try {
            return holds.pendingTotal(c);
        } catch (SQLException e) {
            throw new LedgerStorageException("heldCredits", e);
        }
    }

    /** The job's hold in whatever state it is, if the job was ever reserved. */
    public Optional<Hold> hold(Connection c, String jobId) {
        requireText(jobId, "jobId");
        try {
            return holds.find(c, jobId);
        } catch (SQLException e) {
            throw new LedgerStorageException("hold", e);
        }
    }

    /**
     * Recomputes every cached balance from the journal and checks holds against it. Jobs live in the api,
     * so "no hold without a job" and "no open hold for a finished job" are the api's to check.
     */
    public InvariantReport checkInvariants(Connection c) {
        try {
            return invariants.check(c);
        } catch (SQLException e) {
            throw new LedgerStorageException("checkInvariants", e);
        }
    }

    /**
     * The invariants of one org that stay cheap however long its history: no slice below zero, and its pending
     * counters equal to its pending holds. For a balance answer; {@link #checkInvariants} is the full audit.
     */
    public InvariantReport checkOrgInvariants(Connection c, String orgId) {
        requireText(orgId, "orgId");
        try {
            return invariants.checkOrg(c, orgId);
        } catch (SQLException e) {
            throw new LedgerStorageException("checkOrgInvariants", e);
        }
    }

    private ReserveResult repeatedReserve(Hold existing, String orgId, long amountCredits) {
        if (existing.orgId().equals(orgId) && existing.amount() == amountCredits) {
            return new Reserved(existing, true);
        }
        return new HoldExistsWithDifferentTerms(existing);
    }

    private Balance balanceOf(Connection c, String orgId) throws SQLException {
        return accounts.balance(c, orgId).orElse(Balance.EMPTY);
    }

    private Instant now() {
        return Timestamps.toDbPrecision(clock.instant());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
