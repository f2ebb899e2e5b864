package com.geopera.ledger.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldRuleTest {

    @Test
    void a_job_holds_its_estimate() {
        assertThat(HoldRule.creditsToHold(37)).isEqualTo(37);
        assertThat(HoldRule.creditsToHold(1)).isEqualTo(1);
    }

    @Test
    void a_job_estimated_at_nothing_still_holds_one_credit() {
        assertThat(HoldRule.creditsToHold(0)).isEqualTo(HoldRule.MIN_HOLD_CREDITS).isEqualTo(1);
        assertThat(HoldRule.creditsToHold(-5)).isEqualTo(1);
    }
}
