package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    private final RetryBackoff backoff = new RetryBackoff(4, Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void the_wait_doubles_after_each_try_up_to_the_cap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delayAfter(30)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void no_try_follows_the_last_allowed_one() {
        assertThat(backoff.allowsAnotherTry(3)).isTrue();
        assertThat(backoff.allowsAnotherTry(4)).isFalse();
    }
}
