package com.geopera.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ledger rule as a table of scenarios: each row is a sequence of calls (each its own committed
 * transaction) with the outcome expected of each, and the balances and holds that must — and must not —
 * result. Orgs and jobs are fresh per scenario, so rows share one database without seeing each other.
 */
class LedgerScenariosTest {
    private static final long TTL_SECONDS = 600;
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    static final PerClassDatabase database = new PerClassDatabase();

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("grant_adds_posted_and_available_credits",
                        grant(100, "granted"), balance(100, 0, 100)),
                scenario("a_grant_of_zero_or_negative_credits_is_refused_and_changes_nothing",
                        grant(0, "invalid_amount"), grant(-5, "invalid_amount"), balance(0, 0, 0)),
                scenario("repeating_a_grant_reference_grants_only_once",
                        grantRef(100, "r1", "granted"), grantRef(100, "r1", "granted"), balance(100, 0, 100)),
                scenario("a_grant_reference_reused_for_another_amount_is_refused",
                        grantRef(100, "r1", "granted"), grantRef(50, "r1", "grant_reference_reused"),
                        balance(100, 0, 100)),
                scenario("reserve_holds_credits_without_spending_them",
                        grant(100, "granted"), reserve("a", 30, "reserved"), balance(100, 30, 70),
                        hold("a", HoldStatus.PENDING, 0)),
                scenario("reserve_refuses_more_than_available_and_holds_nothing",
                        grant(10, "granted"), reserve("a", 11, "insufficient_credits"), balance(10, 0, 10),
                        noHold("a")),
                scenario("reserve_of_exactly_the_available_credits_succeeds_and_leaves_zero",
                        grant(10, "granted"), reserve("a", 10, "reserved"), balance(10, 10, 0),
                        reserve("b", 1, "insufficient_credits"), noHold("b"), balance(10, 10, 0)),
                scenario("reserve_counts_earlier_holds_against_available_credits",
                        grant(50, "granted"), reserve("a", 30, "reserved"), reserve("b", 30, "insufficient_credits"),
                        reserve("c", 20, "reserved"), balance(50, 50, 0), noHold("b")),
                scenario("reserve_for_an_org_never_granted_anything_is_insufficient",
                        reserve("a", 1, "insufficient_credits"), noHold("a"), balance(0, 0, 0)),
                scenario("reserve_of_zero_or_negative_credits_is_invalid_and_holds_nothing",
                        grant(100, "granted"), reserve("a", 0, "invalid_amount"), reserve("b", -1, "invalid_amount"),
                        noHold("a"), noHold("b"), balance(100, 0, 100)),
                scenario("repeating_a_reserve_returns_the_same_hold_and_holds_once",
                        grant(100, "granted"), reserve("a", 30, "reserved"), reserve("a", 30, "reserved"),
                        balance(100, 30, 70)),
                scenario("reserve_for_a_held_job_with_another_amount_is_refused_and_changes_nothing",
                        grant(100, "granted"), reserve("a", 30, "reserved"),
                        reserve("a", 40, "hold_exists_with_different_terms"), balance(100, 30, 70),
                        hold("a", HoldStatus.PENDING, 0)),
                scenario("reserving_a_closed_job_again_answers_its_closed_hold_and_holds_nothing",
                        grant(100, "granted"), reserve("a", 30, "reserved"), release("a", "released"),
                        reserve("a", 30, "reserved"), hold("a", HoldStatus.VOIDED, 0), balance(100, 0, 100)),
                scenario("settle_posts_at_most_the_held_amount_and_releases_the_rest",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", 50, "settled"),
                        hold("a", HoldStatus.POSTED, 30), balance(70, 0, 70)),
                scenario("settle_of_less_than_held_charges_the_actual_and_gives_back_the_difference",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", 12, "settled"),
                        hold("a", HoldStatus.POSTED, 12), balance(88, 0, 88)),
                scenario("settle_of_zero_credits_charges_nothing",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", 0, "settled"),
                        hold("a", HoldStatus.POSTED, 0), balance(100, 0, 100)),
                scenario("repeating_a_settle_is_a_no_op_whatever_amount_it_names",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", 12, "settled"),
                        settle("a", 25, "settled"), hold("a", HoldStatus.POSTED, 12), balance(88, 0, 88)),
                scenario("settle_with_a_negative_amount_is_invalid_and_leaves_the_hold_pending",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", -1, "invalid_amount"),
                        hold("a", HoldStatus.PENDING, 0), balance(100, 30, 70)),
                scenario("settle_without_a_hold_is_refused",
                        grant(100, "granted"), settle("a", 5, "no_hold"), noHold("a"), balance(100, 0, 100)),
                scenario("settle_after_release_is_refused_and_charges_nothing",
                        grant(100, "granted"), reserve("a", 30, "reserved"), release("a", "released"),
                        settle("a", 10, "hold_already_released"), hold("a", HoldStatus.VOIDED, 0),
                        balance(100, 0, 100)),
                scenario("release_gives_back_the_whole_hold",
                        grant(100, "granted"), reserve("a", 30, "reserved"), release("a", "released"),
                        hold("a", HoldStatus.VOIDED, 0), balance(100, 0, 100)),
                scenario("repeating_a_release_is_a_no_op",
                        grant(100, "granted"), reserve("a", 30, "reserved"), release("a", "released"),
                        release("a", "released"), balance(100, 0, 100)),
                scenario("release_after_settle_is_refused_and_the_charge_stands",
                        grant(100, "granted"), reserve("a", 30, "reserved"), settle("a", 12, "settled"),
                        release("a", "hold_already_posted"), hold("a", HoldStatus.POSTED, 12), balance(88, 0, 88)),
                scenario("release_without_a_hold_is_refused",
                        release("a", "no_hold"), noHold("a"), balance(0, 0, 0)),
                scenario("expire_voids_holds_whose_ttl_passed_and_gives_their_credits_back",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), reserveFor("b", 20, 600, "reserved"),
                        advance(61), expire(List.of("a")), hold("a", HoldStatus.EXPIRED, 0),
                        hold("b", HoldStatus.PENDING, 0), balance(100, 20, 80)),
                scenario("expire_leaves_holds_whose_ttl_has_not_passed",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), advance(59), expire(List.of()),
                        hold("a", HoldStatus.PENDING, 0), balance(100, 30, 70)),
                scenario("expire_does_not_touch_settled_or_released_holds",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), reserveFor("b", 20, 60, "reserved"),
                        settle("a", 10, "settled"), release("b", "released"), advance(61), expire(List.of()),
                        hold("a", HoldStatus.POSTED, 10), hold("b", HoldStatus.VOIDED, 0), balance(90, 0, 90)),
                scenario("settle_after_expiry_is_refused",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), advance(60), expire(List.of("a")),
                        settle("a", 10, "hold_expired"), hold("a", HoldStatus.EXPIRED, 0), balance(100, 0, 100)),
                scenario("settle_of_a_hold_past_its_ttl_expires_it_instead_of_charging",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), advance(60),
                        settle("a", 10, "hold_expired"), hold("a", HoldStatus.EXPIRED, 0), balance(100, 0, 100),
                        expire(List.of())),
                scenario("release_after_expiry_answers_already_released",
                        grant(100, "granted"), reserveFor("a", 30, 60, "reserved"), advance(61), expire(List.of("a")),
                        release("a", "released"), hold("a", HoldStatus.EXPIRED, 0), balance(100, 0, 100)),
                scenario("one_org_cannot_reserve_another_orgs_credits",
                        grant(100, "granted"), reserveOther("a", 10, "insufficient_credits"), noHold("a"),
                        balance(100, 0, 100)),
                scenario("one_job_cannot_be_held_by_two_orgs",
                        grant(100, "granted"), grantOther(100), reserve("a", 10, "reserved"),
                        reserveOther("a", 10, "hold_exists_with_different_terms"), balance(100, 10, 90),
                        otherBalance(100, 0, 100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario_runs_as_the_rules_say(String name, List<Step> steps) throws Exception {
        SettableClock clock = new SettableClock(START);
        String unique = UUID.randomUUID().toString();
        Context context = new Context(new Ledger(clock), clock, "org_" + unique, "org_other_" + unique,
                "job_" + unique + "_");
        try (Connection connection = database.open()) {
            for (Step step : steps) {
                step.run(context, connection);
            }
            assertThat(context.ledger.checkInvariants(connection).violations()).isEmpty();
            connection.rollback();
        }
    }

    record Context(Ledger ledger, SettableClock clock, String org, String otherOrg, String jobPrefix) {
        String job(String name) {
            return jobPrefix + name;
        }

        String ref(String name) {
            return org + ":" + name;
        }
    }

    /** One row cell: a call with its expected outcome, or an assertion about the resulting state. */
    interface Step {
        void run(Context context, Connection connection) throws Exception;
    }

    private static Arguments scenario(String name, Step... steps) {
        return Arguments.of(name, List.of(steps));
    }

    private static Step call(String description, String expectedCode, Function<Context, Function<Connection, String>> op) {
        return (context, connection) -> assertThat(Tx.commit(connection, op.apply(context)))
                .as(description).isEqualTo(expectedCode);
    }

    private static Step grant(long credits, String expectedCode) {
        return call("grant " + credits, expectedCode, x -> c -> x.ledger.grant(c, x.org, credits,
                UUID.randomUUID().toString()).code());
    }

    private static Step grantRef(long credits, String reference, String expectedCode) {
        return call("grant " + credits + " as " + reference, expectedCode,
                x -> c -> x.ledger.grant(c, x.org, credits, x.ref(reference)).code());
    }

    private static Step grantOther(long credits) {
        return call("grant other org " + credits, "granted", x -> c -> x.ledger.grant(c, x.otherOrg, credits,
                UUID.randomUUID().toString()).code());
    }

    private static Step reserve(String job, long credits, String expectedCode) {
        return reserveFor(job, credits, TTL_SECONDS, expectedCode);
    }

    private static Step reserveFor(String job, long credits, long ttlSeconds, String expectedCode) {
        return call("reserve " + job + " " + credits, expectedCode, x -> c -> x.ledger.reserve(c, x.org, x.job(job),
                credits, Duration.ofSeconds(ttlSeconds)).code());
    }

    private static Step reserveOther(String job, long credits, String expectedCode) {
        return call("other org reserves " + job + " " + credits, expectedCode, x -> c -> x.ledger.reserve(c,
                x.otherOrg, x.job(job), credits, Duration.ofSeconds(TTL_SECONDS)).code());
    }

    private static Step settle(String job, long actualCredits, String expectedCode) {
        return call("settle " + job + " " + actualCredits, expectedCode,
                x -> c -> x.ledger.settle(c, x.job(job), actualCredits).code());
    }

    private static Step release(String job, String expectedCode) {
        return call("release " + job, expectedCode, x -> c -> x.ledger.release(c, x.job(job)).code());
    }

    private static Step advance(long seconds) {
        return (context, connection) -> context.clock.advance(Duration.ofSeconds(seconds));
    }

    /** Expires as of the clock; only this scenario's jobs count, other rows' holds share the table. */
    private static Step expire(List<String> expectedJobs) {
        return (context, connection) -> {
            List<String> expired = Tx.commit(connection, c -> context.ledger.expire(c, context.clock.instant()));
            assertThat(expired.stream().filter(id -> id.startsWith(context.jobPrefix)).toList())
                    .as("expired jobs")
                    .isEqualTo(expectedJobs.stream().map(context::job).toList());
        };
    }

    private static Step balance(long posted, long pending, long available) {
        return (context, connection) -> assertThat(context.ledger.balance(connection, context.org))
                .as("balance").isEqualTo(new Balance(posted, pending, available));
    }

    private static Step otherBalance(long posted, long pending, long available) {
        return (context, connection) -> assertThat(context.ledger.balance(connection, context.otherOrg))
                .as("other org's balance").isEqualTo(new Balance(posted, pending, available));
    }

    private static Step hold(String job, HoldStatus status, long postedCredits) {
        return (context, connection) -> {
            Hold hold = context.ledger.hold(connection, context.job(job)).orElseThrow();
            assertThat(hold.status()).as("status of " + job).isEqualTo(status);
            assertThat(hold.postedAmount()).as("posted credits of " + job).isEqualTo(postedCredits);
        };
    }

    private static Step noHold(String job) {
        return (context, connection) -> assertThat(context.ledger.hold(connection, context.job(job)))
                .as("hold of " + job).isEmpty();
    }
}
