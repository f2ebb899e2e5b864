package com.geopera.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, in-memory statement of the ledger rules: it predicts the outcome code and resulting
 * balances of every call, so the property test can compare the real ledger against it step by step.
 */
final class LedgerModel {

    /** Posted and pending credits of one org. */
    static final class Account {
        long posted;
        long pending;

        Balance balance() {
            return new Balance(posted, pending, posted - pending);
        }
    }

    /** What the model knows of a hold. */
    static final class ModelHold {
        final String orgId;
        final long amount;
        final Instant expiresAt;
        HoldStatus status = HoldStatus.PENDING;
        long posted;

        ModelHold(String orgId, long amount, Instant expiresAt) {
            this.orgId = orgId;
            this.amount = amount;
            this.expiresAt = expiresAt;
        }
    }

    private record GrantRecord(String orgId, long credits) {
    }

    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, ModelHold> holds = new HashMap<>();
    private final Map<String, GrantRecord> grants = new HashMap<>();

    String grant(String orgId, long credits, String reference) {
        if (credits <= 0) {
            return "invalid_amount";
        }
        GrantRecord earlier = grants.get(reference);
        if (earlier != null) {
            return earlier.equals(new GrantRecord(orgId, credits)) ? "granted" : "grant_reference_reused";
        }
        grants.put(reference, new GrantRecord(orgId, credits));
        account(orgId).posted += credits;
        return "granted";
    }

    String reserve(String orgId, String jobId, long amount, Duration ttl, Instant now) {
        if (amount <= 0) {
            return "invalid_amount";
        }
        ModelHold existing = holds.get(jobId);
        if (existing != null) {
            return existing.orgId.equals(orgId) && existing.amount == amount
                    ? "reserved" : "hold_exists_with_different_terms";
        }
        Account account = accounts.get(orgId);
        if (account == null || account.posted - account.pending < amount) {
            return "insufficient_credits";
        }
        account.pending += amount;
        holds.put(jobId, new ModelHold(orgId, amount, now.plus(ttl)));
        return "reserved";
    }

    String settle(String jobId, long actual, Instant now) {
        if (actual < 0) {
            return "invalid_amount";
        }
        ModelHold hold = holds.get(jobId);
        if (hold == null) {
            return "no_hold";
        }
        switch (hold.status) {
            case POSTED:
                return "settled";
            case VOIDED:
                return "hold_already_released";
            case EXPIRED:
                return "hold_expired";
            default:
                break;
        }
        if (!hold.expiresAt.isAfter(now)) {
            close(hold, HoldStatus.EXPIRED, 0);
            return "hold_expired";
        }
        close(hold, HoldStatus.POSTED, Math.min(actual, hold.amount));
        return "settled";
    }

    String release(String jobId) {
        ModelHold hold = holds.get(jobId);
        if (hold == null) {
            return "no_hold";
        }
        if (hold.status == HoldStatus.POSTED) {
            return "hold_already_posted";
        }
        if (hold.status == HoldStatus.PENDING) {
            close(hold, HoldStatus.VOIDED, 0);
        }
        return "released";
    }

    List<String> expire(Instant now) {
        List<Map.Entry<String, ModelHold>> due = new ArrayList<>();
        for (Map.Entry<String, ModelHold> entry : holds.entrySet()) {
            if (entry.getValue().status == HoldStatus.PENDING && !entry.getValue().expiresAt.isAfter(now)) {
                due.add(entry);
            }
        }
        due.sort(Comparator.comparing((Map.Entry<String, ModelHold> e) -> e.getValue().expiresAt)
                .thenComparing(Map.Entry::getKey));
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, ModelHold> entry : due) {
            close(entry.getValue(), HoldStatus.EXPIRED, 0);
            expired.add(entry.getKey());
        }
        return expired;
    }

    Balance balance(String orgId) {
        Account account = accounts.get(orgId);
        return account == null ? Balance.EMPTY : account.balance();
    }

    ModelHold hold(String jobId) {
        return holds.get(jobId);
    }

    private void close(ModelHold hold, HoldStatus status, long posted) {
        Account account = account(hold.orgId);
        account.pending -= hold.amount;
        account.posted -= posted;
        hold.status = status;
        hold.posted = posted;
    }

    private Account account(String orgId) {
        return accounts.computeIfAbsent(orgId, id -> new Account());
    }
}
