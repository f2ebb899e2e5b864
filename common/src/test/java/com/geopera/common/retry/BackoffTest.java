package com.geopera.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(4, Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void the_wait_doubles_after_each_try_up_to_the_cap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delayAfter(30)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void the_wait_stays_at_the_cap_however_many_tries_failed() {
        Backoff forever = Backoff.unbounded(Duration.ofMillis(500), Duration.ofSeconds(4));

        assertThat(forever.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(4));
        assertThat(forever.allowsAnotherTry(Integer.MAX_VALUE - 1)).isTrue();
    }

    @Test
    void no_try_follows_the_last_allowed_one() {
        assertThat(backoff.allowsAnotherTry(3)).isTrue();
        assertThat(backoff.allowsAnotherTry(4)).isFalse();
        assertThat(Backoff.once().allowsAnotherTry(1)).isFalse();
    }

    @Test
    void a_backoff_without_a_try_or_with_a_cap_below_its_first_wait_is_refused() {
        assertThatThrownBy(() -> new Backoff(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
