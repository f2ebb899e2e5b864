package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.worker.HeldDispatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DispatchPartitionsTest {
    private static final TopicPartition P0 = new TopicPartition("geopera.jobs.dispatch.clip", 0);
    private static final TopicPartition P1 = new TopicPartition("geopera.jobs.dispatch.clip", 1);
    private static final Duration NO_WAIT = Duration.ZERO;

    private final DispatchPartitions partitions = new DispatchPartitions();

    private HeldDispatch take(TopicPartition partition, long offset) {
        return partitions.take(partition, offset, 1).orElseThrow();
    }

    @Test
    void a_record_waiting_for_a_slot_is_revoked_with_its_partition_and_never_starts() {
        partitions.assigned(List.of(P0, P1), 1, List.of(P0, P1));
        HeldDispatch started = take(P0, 10);
        started.start();
        started.acknowledged();
        HeldDispatch waiting = take(P0, 11);
        JobSlots slots = new JobSlots(1);
        slots.acquire();
        CompletableFuture<Boolean> slot = slots.acquire();
        waiting.whenRevoked(() -> slots.cancel(slot));

        DispatchPartitions.Revocation revocation = partitions.revoke(List.of(P0), NO_WAIT);

        assertThat(revocation.revokedWaiting()).isEqualTo(1);
        assertThat(waiting.state()).isEqualTo(HeldDispatch.State.REVOKED);
        assertThat(waiting.start()).isFalse();
        assertThat(slot).isCompletedWithValue(false);
        assertThat(slots.waiting()).isZero();
        assertThat(revocation.commitOffsets()).containsExactly(Map.entry(P0, 11L));
    }

    @Test
    void a_record_that_started_before_the_revocation_is_waited_for_and_committed_past() throws Exception {
        partitions.assigned(List.of(P0), 1, List.of(P0));
        HeldDispatch starting = take(P0, 5);
        assertThat(starting.start()).isTrue();
        CompletableFuture<DispatchPartitions.Revocation> revocation = CompletableFuture.supplyAsync(
                () -> partitions.revoke(List.of(P0), Duration.ofSeconds(10)));
        Thread.sleep(200);
        assertThat(revocation).as("the revocation waits for STARTED to be acked").isNotDone();

        starting.acknowledged();

        DispatchPartitions.Revocation done = revocation.get(5, TimeUnit.SECONDS);
        assertThat(done.revokedWaiting()).isZero();
        assertThat(done.stillStarting()).isZero();
        assertThat(done.commitOffsets()).containsExactly(Map.entry(P0, 6L));
    }

    @Test
    void a_record_still_starting_when_the_wait_ends_is_not_committed_past() {
        partitions.assigned(List.of(P0), 1, List.of(P0));
        HeldDispatch first = take(P0, 1);
        first.start();
        first.acknowledged();
        take(P0, 2).start();

        DispatchPartitions.Revocation revocation = partitions.revoke(List.of(P0), Duration.ofMillis(50));

        assertThat(revocation.stillStarting()).isEqualTo(1);
        assertThat(revocation.commitOffsets()).containsExactly(Map.entry(P0, 2L));
    }

    @Test
    void the_commit_on_revocation_never_passes_a_record_left_unacknowledged() {
        partitions.assigned(List.of(P0, P1), 1, List.of(P0, P1));
        HeldDispatch refused = take(P0, 3);
        refused.start();
        refused.unacknowledged();
        HeldDispatch later = take(P0, 4);
        later.start();
        later.acknowledged();
        HeldDispatch other = take(P1, 7);
        other.start();
        other.acknowledged();

        DispatchPartitions.Revocation revocation = partitions.revoke(List.of(P0, P1), NO_WAIT);

        assertThat(revocation.commitOffsets()).containsExactly(Map.entry(P1, 8L));
    }

    @Test
    void nothing_is_committed_for_a_partition_whose_records_were_all_handed_over() {
        partitions.assigned(List.of(P0), 1, List.of(P0));
        take(P0, 0);

        DispatchPartitions.Revocation revocation = partitions.revoke(List.of(P0), NO_WAIT);

        assertThat(revocation.revokedWaiting()).isEqualTo(1);
        assertThat(revocation.commitOffsets()).isEmpty();
    }

    @Test
    void a_record_of_a_partition_not_owned_or_fetched_before_it_came_back_is_not_taken() {
        partitions.assigned(List.of(P0), 3, List.of(P0));
        partitions.revoke(List.of(P0), NO_WAIT);
        assertThat(partitions.take(P0, 1, 3)).isEmpty();

        partitions.assigned(List.of(P0), 5, List.of(P0));

        assertThat(partitions.take(P0, 1, 4)).as("fetched in generation 4, before P0 came back in 5").isEmpty();
        assertThat(partitions.take(P0, 1, 5)).isPresent();
        assertThat(partitions.take(P1, 1, 5)).isEmpty();
    }

    @Test
    void partitions_lost_without_a_revocation_have_their_waiting_records_revoked_at_the_next_assignment() {
        partitions.assigned(List.of(P0, P1), 1, List.of(P0, P1));
        HeldDispatch waiting = take(P0, 9);

        partitions.assigned(List.of(), 2, List.of(P1));

        assertThat(waiting.state()).isEqualTo(HeldDispatch.State.REVOKED);
        assertThat(partitions.owns(P0)).isFalse();
        assertThat(partitions.owns(P1)).isTrue();
    }

    @Test
    void a_record_that_started_cannot_be_revoked_and_one_revoked_cannot_start() {
        HeldDispatch started = new HeldDispatch("t-0", 1);
        assertThat(started.start()).isTrue();
        assertThat(started.revokeIfWaiting()).isFalse();
        assertThat(started.state()).isEqualTo(HeldDispatch.State.STARTING);

        HeldDispatch revoked = new HeldDispatch("t-0", 2);
        assertThat(revoked.revokeIfWaiting()).isTrue();
        assertThat(revoked.start()).isFalse();
        revoked.acknowledged();
        assertThat(revoked.state()).isEqualTo(HeldDispatch.State.REVOKED);
    }

    @Test
    void before_any_assignment_was_seen_records_are_taken_untracked() {
        assertThat(partitions.take(P0, 1, 1)).isPresent();

        partitions.assigned(List.of(P1), 1, List.of(P1));

        assertThat(partitions.take(P0, 2, 1)).isEmpty();
    }

    @Test
    void waiting_counts_the_records_that_have_not_started() {
        partitions.assigned(List.of(P0), 1, List.of(P0));
        take(P0, 1).start();
        take(P0, 2);

        assertThat(partitions.waiting()).isEqualTo(1);
    }
}
