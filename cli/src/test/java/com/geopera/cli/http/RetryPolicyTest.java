package com.geopera.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void the_backoff_doubles_and_stops_growing_at_the_maximum() {
        RetryPolicy policy = RetryPolicy.standard();

        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(10)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(100)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_request_sent_once_is_never_repeated() {
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RequestOptions.once().retryPolicy().maxAttempts()).isEqualTo(1);
        assertThat(RequestOptions.spend("k").retryPolicy().maxAttempts()).isGreaterThan(1);
        assertThat(RequestOptions.spend("k").idempotencyKey()).isEqualTo("k");
    }
}
