package com.geopera.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DispatchMembershipTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();

    private DispatchMembership membership(OptionalInt... answers) {
        return new DispatchMembership(() -> answers[Math.min(lookups.getAndIncrement(), answers.length - 1)], now::get);
    }

    @Test
    void a_busy_worker_stays_in_the_group_when_its_subscription_is_one_partition() {
        assertThat(membership(OptionalInt.of(1)).staysWhileBusy()).isTrue();
    }

    @Test
    void a_busy_worker_leaves_the_group_when_its_dispatch_topics_have_several_partitions_together() {
        assertThat(membership(OptionalInt.of(6)).staysWhileBusy()).isFalse();
    }

    @Test
    void a_busy_worker_leaves_the_group_while_the_partition_count_is_unknown() {
        assertThat(membership(OptionalInt.empty()).staysWhileBusy()).isFalse();
    }

    @Test
    void the_partition_count_is_asked_again_only_after_the_recheck_interval() {
        DispatchMembership membership = membership(OptionalInt.of(1), OptionalInt.of(3));
        assertThat(membership.staysWhileBusy()).isTrue();
        now.addAndGet(DispatchMembership.RECHECK.toNanos() - 1);
        assertThat(membership.staysWhileBusy()).as("within the interval: the first answer").isTrue();
        assertThat(lookups).hasValue(1);

        now.addAndGet(1);
        assertThat(membership.staysWhileBusy()).as("partitions were added since").isFalse();
        assertThat(lookups).hasValue(2);
    }
}
