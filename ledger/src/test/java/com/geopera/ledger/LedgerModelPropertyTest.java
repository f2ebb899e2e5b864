package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of grant / reserve / settle / batch settle / release / expire and clock moves, each call its own
 * transaction, compared after every step against {@link LedgerModel}: same outcome, same balances of
 * every org, same hold. Seeded, so a failure names the seed and step that reproduce it.
 */
class LedgerModelPropertyTest {
    private static final int OPERATIONS_PER_SEED = 1_500;
    private static final int ORGS = 3;
    private static final int JOBS = 60;
    private static final int GRANT_REFERENCES = 40;
    private static final int MAX_GRANT_CREDITS = 60;
    private static final int MAX_HOLD_CREDITS = 40;
    private static final int MAX_TTL_SECONDS = 120;
    private static final int MAX_CLOCK_STEP_SECONDS = 30;
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    /** Every outcome a walk must reach, or the walk's parameters have drifted into testing too little. */
    private static final List<String> OUTCOMES = List.of("granted", "grant_reference_reused", "invalid_amount",
            "reserved", "insufficient_credits", "hold_exists_with_different_terms", "settled", "no_hold",
            "hold_already_released", "hold_expired", "released", "hold_already_posted", "expired_some",
            "batch_settled", "batch_no_hold", "batch_hold_expired", "batch_hold_already_released");

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 20261125L, 987654321L})
    void the_ledger_agrees_with_the_model_on_every_result_and_balance(long seed) throws Exception {
        Random random = new Random(seed);
        SettableClock clock = new SettableClock(START);
        Ledger ledger = new Ledger(clock);
        LedgerModel model = new LedgerModel();
        String run = "s" + seed + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < ORGS; i++) {
            orgs.add(run + "org" + i);
        }
        Map<String, Integer> seen = new TreeMap<>();
        try (Connection c = database.open()) {
            for (int step = 0; step < OPERATIONS_PER_SEED; step++) {
                String where = "seed " + seed + " step " + step;
                String org = orgs.get(random.nextInt(ORGS));
                String job = run + "job" + random.nextInt(JOBS);
                Instant now = clock.instant();
                int choice = random.nextInt(100);
                if (choice < 15) {
                    long credits = random.nextInt(MAX_GRANT_CREDITS + 2) - 1;
                    String reference = run + "ref" + random.nextInt(GRANT_REFERENCES);
                    String actual = Tx.commit(c, x -> ledger.grant(x, org, credits, reference).code());
                    assertThat(actual).as(where + " grant " + org + " " + credits + " " + reference)
                            .isEqualTo(model.grant(org, credits, reference));
                    seen.merge(actual, 1, Integer::sum);
                } else if (choice < 50) {
                    long amount = random.nextInt(MAX_HOLD_CREDITS + 2) - 1;
                    Duration ttl = Duration.ofSeconds(1 + random.nextInt(MAX_TTL_SECONDS));
                    ReserveResult actual = Tx.commit(c, x -> ledger.reserve(x, org, job, amount, ttl));
                    String expected = model.reserve(org, job, amount, ttl, now);
                    assertThat(actual.code()).as(where + " reserve " + org + " " + job + " " + amount)
                            .isEqualTo(expected);
                    seen.merge(actual.code(), 1, Integer::sum);
                    if (actual instanceof InsufficientCredits insufficient) {
                        assertThat(insufficient.availableCredits()).as(where).isEqualTo(model.balance(org).available());
                    }
                } else if (choice < 62) {
                    long actualCredits = random.nextInt(MAX_HOLD_CREDITS + 2) - 1;
                    SettleResult actual = Tx.commit(c, x -> ledger.settle(x, job, actualCredits));
                    assertThat(actual.code()).as(where + " settle " + job + " " + actualCredits)
                            .isEqualTo(model.settle(job, actualCredits, now));
                    seen.merge(actual.code(), 1, Integer::sum);
                    if (actual instanceof Settled settled) {
                        assertThat(settled.postedCredits()).as(where).isEqualTo(model.hold(job).posted);
                        assertThat(settled.releasedCredits()).as(where)
                                .isEqualTo(model.hold(job).amount - model.hold(job).posted);
                    }
                } else if (choice < 70) {
                    // A batch, answered as if each were settled in turn (a job may come twice).
                    List<Settlement> batch = new ArrayList<>();
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        batch.add(new Settlement(run + "job" + random.nextInt(JOBS), random.nextInt(MAX_HOLD_CREDITS + 2) - 1));
                    }
                    List<SettleResult> actual = Tx.commit(c, x -> ledger.settleAll(x, batch));
                    for (int k = 0; k < batch.size(); k++) {
                        Settlement settlement = batch.get(k);
                        assertThat(actual.get(k).code()).as(where + " batch settle " + settlement)
                                .isEqualTo(model.settle(settlement.jobId(), settlement.actualCredits(), now));
                        seen.merge("batch_" + actual.get(k).code(), 1, Integer::sum);
                    }
                } else if (choice < 82) {
                    String actual = Tx.commit(c, x -> ledger.release(x, job).code());
                    assertThat(actual).as(where + " release " + job).isEqualTo(model.release(job));
                    seen.merge(actual, 1, Integer::sum);
                } else if (choice < 90) {
                    List<String> actual = Tx.commit(c, x -> ledger.expire(x, now)).stream()
                            .filter(id -> id.startsWith(run)).toList();
                    assertThat(actual).as(where + " expire").isEqualTo(model.expire(now));
                    seen.merge(actual.isEmpty() ? "expired_none" : "expired_some", 1, Integer::sum);
                } else {
                    clock.advance(Duration.ofSeconds(1 + random.nextInt(MAX_CLOCK_STEP_SECONDS)));
                }
                for (String each : orgs) {
                    assertThat(ledger.balance(c, each)).as(where + " balance of " + each)
                            .isEqualTo(model.balance(each));
                }
                assertHoldMatches(ledger, model, c, job, where);
                c.rollback();
            }
            assertThat(ledger.checkInvariants(c).violations()).as("seed " + seed).isEmpty();
            assertThat(seen.keySet()).as("outcomes reached by seed " + seed + ": " + seen).containsAll(OUTCOMES);
            c.rollback();
        }
    }

    private static void assertHoldMatches(Ledger ledger, LedgerModel model, Connection c, String job, String where) {
        LedgerModel.ModelHold expected = model.hold(job);
        var actual = ledger.hold(c, job);
        if (expected == null) {
            assertThat(actual).as(where + " hold of " + job).isEmpty();
            return;
        }
        assertThat(actual).as(where + " hold of " + job).isPresent();
        Hold hold = actual.get();
        assertThat(hold.status()).as(where + " status of " + job).isEqualTo(expected.status);
        assertThat(hold.amount()).as(where + " amount of " + job).isEqualTo(expected.amount);
        assertThat(hold.postedAmount()).as(where + " posted of " + job).isEqualTo(expected.posted);
        assertThat(hold.expiresAt()).as(where + " expiry of " + job).isEqualTo(expected.expiresAt);
    }
}
