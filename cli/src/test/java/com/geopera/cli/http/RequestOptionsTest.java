package com.geopera.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestOptionsTest {
    @Test
    void a_repeatable_request_waits_half_a_second_then_doubles_up_to_four_seconds() {
        assertThat(RequestOptions.read().retries().delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(RequestOptions.read().retries().delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RequestOptions.read().retries().delayAfter(100)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RequestOptions.read().retries().maxTries()).isEqualTo(4);
    }

    @Test
    void a_request_sent_once_is_never_repeated() {
        assertThat(RequestOptions.once().retries().allowsAnotherTry(1)).isFalse();
        assertThat(RequestOptions.spend("k").retries().allowsAnotherTry(1)).isTrue();
        assertThat(RequestOptions.spend("k").idempotencyKey()).isEqualTo("k");
    }
}
