package com.geopera.worker.service;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A non-blocking semaphore for the jobs one worker runs at once: {@link #acquire()} completes when a slot is
 * free. The dispatch consumer takes a record only while {@link #free()} is above zero, and leaves the share group
 * while it is zero, so that the records go to workers with a free slot (docs/WORKER.md, "Dispatch").
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

    /** Completes with {@code true} once a slot is this caller's. */
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

    /** Slots neither in use nor promised to a waiter. */
    public synchronized int free() {
        return Math.max(0, capacity - inUse);
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }
}
