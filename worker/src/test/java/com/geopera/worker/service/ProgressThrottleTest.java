package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ProgressThrottle throttle = new ProgressThrottle(Duration.ofSeconds(1), 5, clock);

    @Test
    void a_big_step_is_sent_at_once() {
        assertThat(throttle.offer(0.05)).isEqualTo(5);
        assertThat(throttle.offer(0.12)).isEqualTo(12);
    }

    @Test
    void a_small_step_waits_until_the_interval_passed() {
        assertThat(throttle.offer(0.02)).isEqualTo(-1);
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.offer(0.03)).isEqualTo(-1);
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.offer(0.03)).isEqualTo(3);
    }

    @Test
    void progress_never_goes_backwards_nor_repeats() {
        assertThat(throttle.offer(0.5)).isEqualTo(50);
        clock.advance(Duration.ofSeconds(5));
        assertThat(throttle.offer(0.4)).isEqualTo(-1);
        assertThat(throttle.offer(0.5)).isEqualTo(-1);
    }

    @Test
    void completion_is_left_to_the_completed_event() {
        assertThat(throttle.offer(1.0)).isEqualTo(99);
        assertThat(ProgressThrottle.toPercent(Double.NaN)).isZero();
        assertThat(ProgressThrottle.toPercent(-3)).isZero();
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends java.time.Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
