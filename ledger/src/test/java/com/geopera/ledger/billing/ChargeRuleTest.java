package com.geopera.ledger.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChargeRuleTest {
    @Test
    void a_customer_reported_usage_below_the_hold_still_settles_the_full_hold() {
        assertThat(ChargeRule.FULL_HOLD.creditsToSettle(7, 0L)).isEqualTo(7);
        assertThat(ChargeRule.FULL_HOLD.creditsToSettle(7, 3L)).isEqualTo(7);
        assertThat(ChargeRule.FULL_HOLD.creditsToSettle(7, null)).isEqualTo(7);
    }

    @Test
    void a_metered_settlement_asks_for_the_reported_usage_or_the_hold_when_none_was_reported() {
        assertThat(ChargeRule.METERED.creditsToSettle(7, 3L)).isEqualTo(3);
        assertThat(ChargeRule.METERED.creditsToSettle(7, null)).isEqualTo(7);
        assertThat(ChargeRule.METERED.creditsToSettle(7, -4L)).isZero();
    }
}
