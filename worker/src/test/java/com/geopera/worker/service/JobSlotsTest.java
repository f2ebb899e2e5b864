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
    void free_slots_are_those_neither_in_use_nor_promised_to_a_waiter() {
        JobSlots slots = new JobSlots(2);
        assertThat(slots.free()).isEqualTo(2);
        slots.acquire();
        assertThat(slots.free()).isEqualTo(1);
        slots.acquire();
        slots.acquire();
        assertThat(slots.free()).isZero();
        slots.release();
        assertThat(slots.free()).as("the freed slot went to the waiter").isZero();
        slots.release();
        assertThat(slots.free()).isEqualTo(1);
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
