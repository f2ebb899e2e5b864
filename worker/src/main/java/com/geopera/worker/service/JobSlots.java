package com.geopera.worker.service;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking semaphore for the jobs one worker runs at once: {@link #acquire()} completes when a slot is
 * free. The dispatch consumer asks for its next record only after the current one got a slot, which is what
 * makes the connector pause the partitions of a busy worker. A wait can be given up ({@link #cancel}) when the
 * record it is for goes to another worker.
 */
public final class JobSlots {
    private final int capacity;
    private final Queue<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
    private int inUse;

    public JobSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Completes with {@code true} once a slot is this caller's, or with {@code false} if the wait was cancelled. */
    public CompletableFuture<Boolean> acquire() {
        synchronized (this) {
            if (inUse < capacity) {
                inUse++;
                return CompletableFuture.completedFuture(true);
            }
            CompletableFuture<Boolean> wait = new CompletableFuture<>();
            waiting.add(wait);
            return wait;
        }
    }

    /** Gives up a wait that has not got its slot yet; a wait that already got one keeps it (release it then). */
    public void cancel(CompletableFuture<Boolean> wait) {
        boolean removed;
        synchronized (this) {
            removed = waiting.remove(wait);
        }
        if (removed) {
            wait.complete(false);
        }
    }

    /** Frees a slot, handing it straight to the oldest waiter if there is one. */
    public void release() {
        CompletableFuture<Boolean> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse = Math.max(0, inUse - 1);
                return;
            }
        }
        next.complete(true);
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }
}
