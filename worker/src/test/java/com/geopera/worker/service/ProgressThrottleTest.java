package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ProgressThrottle throttle = new ProgressThrottle(Duration.ofSeconds(1), clock);

    @Test
    void nothing_is_sent_within_the_first_second_of_a_run_however_far_it_moved() {
        assertThat(throttle.offer(0.05)).isEqualTo(-1);
        assertThat(throttle.offer(0.5)).isEqualTo(-1);
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.offer(0.9)).isEqualTo(-1);
    }

    @Test
    void at_most_one_report_per_second_goes_out_carrying_the_latest_progress() {
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.offer(0.12)).isEqualTo(12);
        assertThat(throttle.offer(0.40)).isEqualTo(-1);
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.offer(0.60)).isEqualTo(-1);
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.offer(0.61)).as("the reports in between are coalesced into this one").isEqualTo(61);
    }

    @Test
    void a_thousand_callbacks_in_ten_seconds_become_at_most_ten_events() {
        int sent = 0;
        for (int i = 1; i <= 1000; i++) {
            clock.advance(Duration.ofMillis(10));
            if (throttle.offer(i / 1000.0) >= 0) {
                sent++;
            }
        }
        assertThat(sent).isBetween(9, 10);
    }

    @Test
    void progress_never_goes_backwards_nor_repeats() {
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.offer(0.5)).isEqualTo(50);
        clock.advance(Duration.ofSeconds(5));
        assertThat(throttle.offer(0.4)).isEqualTo(-1);
        assertThat(throttle.offer(0.5)).isEqualTo(-1);
    }

    @Test
    void completion_is_left_to_the_completed_event() {
        clock.advance(Duration.ofSeconds(1));
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
