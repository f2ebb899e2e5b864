package com.geopera.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One dispatch record this worker has taken from its partition and not yet let go. It waits for a slot, then
 * starts (from then on it is acknowledged or deliberately left unacknowledged, never taken back), or it is revoked
 * while still waiting because its partition went to another worker. When a partition is revoked, its offset may be
 * committed past a record only once the record is {@link State#ACKNOWLEDGED}.
 */
public final class HeldDispatch {

    /** Where the record is on its way. */
    public enum State {
        /** Waiting for a free slot; nothing was reported yet, so another worker may still run it instead. */
        WAITING,
        /** Got its slot (or was rejected as poison): being started or dead-lettered; no way back. */
        STARTING,
        /** Acknowledged: started here, a duplicate, cancelled before start or dead-lettered. */
        ACKNOWLEDGED,
        /** Left unacknowledged on purpose (shutdown, STARTED refused by the broker): to be delivered again. */
        UNACKNOWLEDGED,
        /** Its partition was revoked while it waited: never started here; the partition's new owner runs it. */
        REVOKED
    }

    private static final Runnable NOTHING = () -> { };

    private final String partition;
    private final long offset;
    private final CompletableFuture<State> settled = new CompletableFuture<>();
    private State state = State.WAITING;
    private Runnable onRevoked = NOTHING;

    /**
     * @param partition the record's {@code topic-partition}, for logs
     * @param offset    the record's offset in it
     */
    public HeldDispatch(String partition, long offset) {
        this.partition = partition;
        this.offset = offset;
    }

    public String partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public synchronized State state() {
        return state;
    }

    /** Leaves {@link State#WAITING} for good; false when the record was revoked first (then it must not start). */
    public boolean start() {
        synchronized (this) {
            if (state == State.WAITING) {
                state = State.STARTING;
            }
            return state == State.STARTING;
        }
    }

    /** The record was acknowledged (its offset may be committed). */
    public void acknowledged() {
        settle(State.ACKNOWLEDGED);
    }

    /** The record is left unacknowledged on purpose (its offset must not be committed). */
    public void unacknowledged() {
        settle(State.UNACKNOWLEDGED);
    }

    /**
     * Revokes the record if it is still waiting and runs the hook given to {@link #whenRevoked}; returns whether it
     * was waiting. A record that already started is left alone (it settles by itself).
     */
    public boolean revokeIfWaiting() {
        Runnable hook;
        synchronized (this) {
            if (state != State.WAITING) {
                return false;
            }
            state = State.REVOKED;
            hook = onRevoked;
            onRevoked = NOTHING;
        }
        hook.run();
        settled.complete(State.REVOKED);
        return true;
    }

    /** What to do when the record is revoked while waiting (give up its place in the slot queue); runs now if so. */
    public void whenRevoked(Runnable hook) {
        synchronized (this) {
            if (state != State.REVOKED) {
                onRevoked = hook;
                return;
            }
        }
        hook.run();
    }

    /** Completes with the final state once the record is acknowledged, left or revoked. */
    public CompletionStage<State> settled() {
        return settled;
    }

    public boolean isSettled() {
        return settled.isDone();
    }

    private void settle(State outcome) {
        synchronized (this) {
            if (state == State.ACKNOWLEDGED || state == State.UNACKNOWLEDGED || state == State.REVOKED) {
                return;
            }
            state = outcome;
            onRevoked = NOTHING;
        }
        settled.complete(outcome);
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
