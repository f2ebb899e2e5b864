package com.geopera.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Settles many jobs in one transaction with a fixed number of statements, whatever the batch size: lock the
 * holds (job id order), decide every settlement in Java, then write the closed holds, their slices (locked in
 * the database's order) and their journal entries. Both lock orders are the ones every other path uses, so
 * concurrent batches, single settles, releases, reserves and the reaper never deadlock with a batch.
 */
final class SettleBatch {
    private final HoldStore holds;
    private final AccountStore accounts;
    private final Journal journal;

    SettleBatch(HoldStore holds, AccountStore accounts, Journal journal) {
        this.holds = holds;
        this.accounts = accounts;
        this.journal = journal;
    }

    /** The results of settling each in turn, as {@link Ledger#settle} would answer them one after the other. */
    List<SettleResult> settle(Connection connection, List<Settlement> settlements, Instant now) throws SQLException {
        TreeSet<String> jobIds = new TreeSet<>();
        settlements.forEach(s -> jobIds.add(s.jobId()));
        Map<String, HoldStore.InSlice> current = new HashMap<>(holds.lockAll(connection, jobIds));
        List<SettleResult> results = new ArrayList<>(settlements.size());
        List<HoldStore.InSlice> closed = new ArrayList<>();
        for (Settlement settlement : settlements) {
            HoldStore.InSlice held = current.get(settlement.jobId());
            Decision decision = decide(settlement, held == null ? null : held.hold(), now);
            results.add(decision.result());
            if (decision.closes() != null) {
                HoldStore.InSlice closing = new HoldStore.InSlice(decision.closes(), held.slice());
                current.put(settlement.jobId(), closing);
                closed.add(closing);
            }
        }
        if (!closed.isEmpty()) {
            List<Hold> closedHolds = closed.stream().map(HoldStore.InSlice::hold).toList();
            holds.closeAll(connection, closedHolds, now);
            accounts.closeHolds(connection, closed);
            journal.appendCloses(connection, closedHolds, now);
        }
        return results;
    }

    /** What to answer, and the hold as this settlement closes it (null when it closes nothing). */
    private record Decision(SettleResult result, Hold closes) {
        static Decision answer(SettleResult result) {
            return new Decision(result, null);
        }
    }

    private static Decision decide(Settlement settlement, Hold hold, Instant now) {
        if (settlement.actualCredits() < 0) {
            return Decision.answer(new InvalidAmount(settlement.actualCredits()));
        }
        if (hold == null) {
            return Decision.answer(new NoHold(settlement.jobId()));
        }
        switch (hold.status()) {
            case POSTED:
                return Decision.answer(new Settled(hold, hold.postedAmount(), hold.releasedAmount(), true));
            case VOIDED:
                return Decision.answer(new HoldAlreadyReleased(hold));
            case EXPIRED:
                return Decision.answer(new HoldExpired(hold));
            case PENDING:
                if (!hold.expiresAt().isAfter(now)) {
                    Hold expired = close(hold, HoldStatus.EXPIRED, 0, now);
                    return new Decision(new HoldExpired(expired), expired);
                }
                Hold posted = close(hold, HoldStatus.POSTED, Math.min(settlement.actualCredits(), hold.amount()), now);
                return new Decision(new Settled(posted, posted.postedAmount(), posted.releasedAmount(), false), posted);
            default:
                throw new IllegalStateException("unknown hold status " + hold.status());
        }
    }

    private static Hold close(Hold hold, HoldStatus status, long postedCredits, Instant now) {
        return new Hold(hold.jobId(), hold.orgId(), hold.amount(), status, postedCredits, hold.expiresAt(),
                hold.createdAt(), now);
    }
}
