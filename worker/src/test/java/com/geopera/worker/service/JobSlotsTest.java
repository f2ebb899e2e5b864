package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JobSlotsTest {

    @Test
    void acquiring_beyond_capacity_waits_until_a_slot_is_released() {
        JobSlots slots = new JobSlots(2);
        assertThat(slots.acquire().toCompletableFuture()).isDone();
        assertThat(slots.acquire().toCompletableFuture()).isDone();
        CompletableFuture<Boolean> third = slots.acquire().toCompletableFuture();
        assertThat(third).isNotDone();
        slots.release();
        assertThat(third).isCompletedWithValue(true);
        assertThat(slots.inUse()).isEqualTo(2);
    }

    @Test
    void a_cancelled_wait_never_gets_a_slot_and_the_next_waiter_does() {
        JobSlots slots = new JobSlots(1);
        slots.acquire();
        CompletableFuture<Boolean> cancelled = slots.acquire();
        CompletableFuture<Boolean> next = slots.acquire();

        slots.cancel(cancelled);
        assertThat(cancelled).isCompletedWithValue(false);
        assertThat(slots.waiting()).isEqualTo(1);
        slots.release();

        assertThat(next).isCompletedWithValue(true);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void cancelling_a_wait_that_already_got_its_slot_changes_nothing() {
        JobSlots slots = new JobSlots(1);
        CompletableFuture<Boolean> granted = slots.acquire();

        slots.cancel(granted);

        assertThat(granted).isCompletedWithValue(true);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void waiters_are_served_in_arrival_order() {
        JobSlots slots = new JobSlots(1);
        slots.acquire();
        CompletableFuture<Boolean> first = slots.acquire().toCompletableFuture();
        CompletableFuture<Boolean> second = slots.acquire().toCompletableFuture();
        slots.release();
        assertThat(first).isDone();
        assertThat(second).isNotDone();
    }

    @Test
    void releasing_every_slot_leaves_none_in_use() {
        JobSlots slots = new JobSlots(1);
        slots.acquire();
        slots.release();
        slots.release();
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void a_worker_needs_at_least_one_slot() {
        assertThatThrownBy(() -> new JobSlots(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
