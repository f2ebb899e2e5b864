package com.geopera.ledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefundTest {

    @Test
    void a_settled_hold_gives_back_what_it_did_not_post() {
        assertThat(Refund.creditsReturned(40, 25)).isEqualTo(15);
        assertThat(Refund.creditsReturned(40, 40)).isZero();
    }

    @Test
    void a_released_or_expired_hold_gives_back_all_of_it() {
        assertThat(Refund.creditsReturned(40, 0)).isEqualTo(40);
    }

    @Test
    void posting_more_than_the_hold_or_less_than_nothing_is_not_a_refund() {
        assertThatThrownBy(() -> Refund.creditsReturned(40, 41)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Refund.creditsReturned(40, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
