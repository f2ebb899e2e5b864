package com.geopera.systemtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotTimelineTest {
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private static SlotTimeline.Span span(double queued, double started, double finished) {
        return new SlotTimeline.Span(at(queued), at(started), at(finished));
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void a_job_waiting_while_a_slot_is_free_counts_its_wait_as_idle_slot_seconds() {
        // Two slots: one long job from 0 to 20 s; a short job queued at 1 s starts only at 20 s.
        SlotTimeline timeline = new SlotTimeline(2, List.of(span(0, 0, 20), span(1, 20, 21)));

        assertThat(timeline.idleSlotSecondsWhileWaiting()).isCloseTo(19.0, within(1e-6));
        assertThat(timeline.longestIdleWhileWaiting()).isEqualTo(Duration.ofSeconds(19));
        assertThat(timeline.firstFinish()).isEqualTo(at(20));
    }

    @Test
    void jobs_waiting_while_every_slot_is_busy_leave_nothing_idle() {
        // One slot, busy from 0 to 10 s; the second job waits for it and starts when it frees.
        SlotTimeline timeline = new SlotTimeline(1, List.of(span(0, 0, 10), span(2, 10, 12)));

        assertThat(timeline.idleSlotSecondsWhileWaiting()).isZero();
        assertThat(timeline.longestIdleWhileWaiting()).isZero();
    }

    @Test
    void idle_slots_count_at_most_once_per_waiting_job_and_short_hand_overs_stay_short() {
        // Three slots free, one job waits 0.5 s to start (a hand-over), another waits 0.1 s later on.
        SlotTimeline timeline = new SlotTimeline(3, List.of(span(0, 0.5, 3), span(4, 4.1, 5)));

        assertThat(timeline.idleSlotSecondsWhileWaiting()).isCloseTo(0.6, within(1e-6));
        assertThat(timeline.longestIdleWhileWaiting()).isEqualTo(Duration.ofMillis(500));
    }
}
