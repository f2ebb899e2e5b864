package com.geopera.ledger.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageCapTest {

    @Test
    void a_run_that_produced_less_than_estimated_reports_what_it_produced() {
        assertThat(UsageCap.creditsUsed(3, 10)).isEqualTo(3);
    }

    @Test
    void a_run_that_produced_more_than_estimated_reports_the_estimate() {
        assertThat(UsageCap.creditsUsed(25, 10)).isEqualTo(10);
        assertThat(UsageCap.creditsUsed(10, 10)).isEqualTo(10);
    }

    @Test
    void usage_is_never_negative() {
        assertThat(UsageCap.creditsUsed(-2, 10)).isZero();
    }
}
