package com.geopera.worker.messaging;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether this worker stays a member of the dispatch share group while every one of its slots is busy.
 * <p>
 * Kafka 4.2's share assignor (`SimpleAssignor`) shares a partition among {@code ceil(members / partitions)} members,
 * counting the partitions of every topic the members subscribe to together when they all subscribe to the same
 * topics, and per topic otherwise. So every member of the group reads the partitions of this worker's subscription
 * for sure only when that subscription is one partition: one served queue whose dispatch topic has one partition (a
 * worker pool per queue, as deploy/k8s runs them). Then a busy worker that just stops polling holds nothing back: it
 * acquires a record only inside a poll, one at a time, and the members that poll get every record at once. Staying
 * saves the group coordinator a leave and a join per job (each a new assignment), and the hand-over the next
 * heartbeat would otherwise take. With more partitions a busy member would keep partitions no other member reads,
 * so it leaves the group until a slot frees.
 * <p>
 * The partition count is looked up again at most every {@link #RECHECK}, so partitions added to a topic later turn
 * staying off. While it is unknown (topic not created yet, broker not answering), the worker leaves: the rule that is
 * fair with any partition count.
 */
final class DispatchMembership {
    /** How long a looked-up partition count is trusted. */
    static final Duration RECHECK = Duration.ofMinutes(1);

    private final Supplier<OptionalInt> partitionCount;
    private final LongSupplier nanoTime;
    private boolean known;
    private long checkedAt;
    private boolean staysWhileBusy;

    /**
     * @param partitionCount how many partitions the served dispatch topics have together, empty when unknown
     * @param nanoTime       the monotonic clock ({@code System::nanoTime})
     */
    DispatchMembership(Supplier<OptionalInt> partitionCount, LongSupplier nanoTime) {
        this.partitionCount = partitionCount;
        this.nanoTime = nanoTime;
    }

    /** Whether a worker whose slots are all busy stays in the group; asks the broker at most once per recheck. */
    boolean staysWhileBusy() {
        long now = nanoTime.getAsLong();
        if (!known || now - checkedAt >= RECHECK.toNanos()) {
            OptionalInt partitions = partitionCount.get();
            staysWhileBusy = partitions.isPresent() && partitions.getAsInt() == 1;
            checkedAt = now;
            known = true;
        }
        return staysWhileBusy;
    }
}
