package com.geopera.worker.service;

import com.geopera.worker.HeldDispatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * The dispatch partitions this worker owns and the records of them it holds, so that a rebalance moves a
 * partition without running any of its records twice (see docs/WORKER.md, "Rebalances"):
 * <ul>
 *   <li>a record whose partition is revoked while it waits for a slot is dropped here (never started, never
 *       acknowledged) and the partition's new owner runs it;</li>
 *   <li>a record that already started is waited for until it is acknowledged, and the partition's offset is then
 *       committed past it before the partition goes, so the new owner does not get it again;</li>
 *   <li>a record fetched before its partition was revoked and assigned again (an older consumer-group generation)
 *       is not taken at all.</li>
 * </ul>
 * Called from the consumer's polling thread (assignments, revocations) and from the listener (records).
 */
public final class DispatchPartitions {
    /** What a revocation did. */
    public record Revocation(Map<TopicPartition, Long> commitOffsets, int revokedWaiting, int stillStarting) {
    }

    private final Map<TopicPartition, Owned> owned = new HashMap<>();
    /** Set by the first assignment; without a rebalance listener nothing is known, and every record is taken. */
    private boolean tracking;

    /**
     * Partitions were assigned ({@code added}) in consumer-group generation {@code generation}. Partitions still
     * tracked here but absent from {@code assignment} were lost without a revocation (a session timeout): their
     * waiting records are revoked, nothing is committed for them. Returns how many records were revoked so.
     */
    public int assigned(Collection<TopicPartition> added, int generation, Collection<TopicPartition> assignment) {
        List<Owned> lost = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<TopicPartition, Owned>> it = owned.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<TopicPartition, Owned> entry = it.next();
                if (!assignment.contains(entry.getKey())) {
                    lost.add(entry.getValue());
                    it.remove();
                }
            }
            for (TopicPartition partition : added) {
                owned.put(partition, new Owned(generation));
            }
            tracking = true;
        }
        return lost.stream().mapToInt(Owned::revokeWaiting).sum();
    }

    /**
     * Takes a record in hand; empty when its partition is not owned any more, or was revoked and assigned again
     * after the record was fetched ({@code generation} is the consumer-group generation it was fetched in, or a
     * negative number when unknown).
     */
    public synchronized Optional<HeldDispatch> take(TopicPartition partition, long offset, int generation) {
        if (!tracking) {
            return Optional.of(new HeldDispatch(partition.toString(), offset));
        }
        Owned owner = owned.get(partition);
        if (owner == null || (generation >= 0 && generation < owner.sinceGeneration)) {
            return Optional.empty();
        }
        HeldDispatch record = new HeldDispatch(partition.toString(), offset);
        owner.hold(record);
        return Optional.of(record);
    }

    /**
     * The partitions are being revoked: revokes their waiting records, waits up to {@code wait} for their starting
     * ones to settle, and says which offsets to commit before the partitions go (the one after the last
     * acknowledged record, unless a record below it was left unacknowledged or has still not settled).
     */
    public Revocation revoke(Collection<TopicPartition> partitions, Duration wait) {
        Map<TopicPartition, Owned> going = new HashMap<>();
        synchronized (this) {
            for (TopicPartition partition : partitions) {
                Owned owner = owned.remove(partition);
                if (owner != null) {
                    going.put(partition, owner);
                }
            }
        }
        int revokedWaiting = 0;
        List<HeldDispatch> starting = new ArrayList<>();
        for (Owned owner : going.values()) {
            revokedWaiting += owner.revokeWaiting();
            starting.addAll(owner.unsettled());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (HeldDispatch record : starting) {
            awaitSettled(record, deadline);
        }
        Map<TopicPartition, Long> commits = new HashMap<>();
        int stillStarting = 0;
        for (Map.Entry<TopicPartition, Owned> entry : going.entrySet()) {
            Owned owner = entry.getValue();
            stillStarting += owner.unsettled().size();
            owner.commitOffset().ifPresent(offset -> commits.put(entry.getKey(), offset));
        }
        return new Revocation(commits, revokedWaiting, stillStarting);
    }

    /** Records waiting for a slot, over all owned partitions. */
    public synchronized int waiting() {
        return owned.values().stream().mapToInt(Owned::waiting).sum();
    }

    /** The partitions this worker owns now (what its worker heartbeat reports to operators). */
    public synchronized List<TopicPartition> ownedPartitions() {
        return List.copyOf(owned.keySet());
    }

    public synchronized boolean owns(TopicPartition partition) {
        return owned.containsKey(partition);
    }

    private static void awaitSettled(HeldDispatch record, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            record.settled().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still unsettled: its partition gets no commit from here
        }
    }

    /** One owned partition: the records in hand and what the settled ones allow to commit. */
    private static final class Owned {
        private final int sinceGeneration;
        private final List<HeldDispatch> inHand = new ArrayList<>();
        private long lastAcknowledged = -1;
        private long lowestNotAcknowledged = Long.MAX_VALUE;

        Owned(int sinceGeneration) {
            this.sinceGeneration = sinceGeneration;
        }

        synchronized void hold(HeldDispatch record) {
            fold();
            inHand.add(record);
        }

        synchronized int waiting() {
            return (int) inHand.stream().filter(r -> r.state() == HeldDispatch.State.WAITING).count();
        }

        int revokeWaiting() {
            List<HeldDispatch> records;
            synchronized (this) {
                records = List.copyOf(inHand);
            }
            int revoked = 0;
            for (HeldDispatch record : records) {
                if (record.revokeIfWaiting()) {
                    revoked++;
                }
            }
            return revoked;
        }

        synchronized List<HeldDispatch> unsettled() {
            return inHand.stream().filter(r -> !r.isSettled()).toList();
        }

        /** The offset to commit (the next one to read), if the records allow one. */
        synchronized Optional<Long> commitOffset() {
            fold();
            long lowestHole = lowestNotAcknowledged;
            for (HeldDispatch record : inHand) { // not settled yet: may not be passed either
                lowestHole = Math.min(lowestHole, record.offset());
            }
            if (lastAcknowledged < 0 || lowestHole <= lastAcknowledged) {
                return Optional.empty();
            }
            return Optional.of(lastAcknowledged + 1);
        }

        /** Moves settled records out of {@link #inHand} into the two watermarks. */
        private void fold() {
            for (Iterator<HeldDispatch> it = inHand.iterator(); it.hasNext(); ) {
                HeldDispatch record = it.next();
                HeldDispatch.State state = record.state();
                if (state == HeldDispatch.State.ACKNOWLEDGED) {
                    lastAcknowledged = Math.max(lastAcknowledged, record.offset());
                    it.remove();
                } else if (state == HeldDispatch.State.UNACKNOWLEDGED || state == HeldDispatch.State.REVOKED) {
                    lowestNotAcknowledged = Math.min(lowestNotAcknowledged, record.offset());
                    it.remove();
                }
            }
        }
    }
}
