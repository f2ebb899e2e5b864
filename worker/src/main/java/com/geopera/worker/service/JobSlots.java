package com.geopera.worker.service;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A non-blocking semaphore for the jobs one worker runs at once: {@link #acquire()} completes when a slot is
 * free. The dispatch consumer asks for its next record only after the current one got a slot, which is what
 * makes the connector pause the partitions of a busy worker.
 */
public final class JobSlots {
    private final int capacity;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inUse;

    public JobSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public CompletionStage<Void> acquire() {
        synchronized (this) {
            if (inUse < capacity) {
                inUse++;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> wait = new CompletableFuture<>();
            waiting.add(wait);
            return wait;
        }
    }

    /** Frees a slot, handing it straight to the oldest waiter if there is one. */
    public void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse = Math.max(0, inUse - 1);
                return;
            }
        }
        next.complete(null);
    }

    public synchronized int inUse() {
        return inUse;
    }

    public int capacity() {
        return capacity;
    }
}
