package com.geopera.api.service.ops;

import com.geopera.api.Caller;
import com.geopera.api.contract.ops.OpsQueueState;
import com.geopera.api.messaging.OutboxRelay;
import com.geopera.api.store.OutboxStore;
import com.geopera.api.store.QueuePauseStore;
import com.geopera.api.store.QueuePauseStore.Pause;
import com.geopera.common.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Pauses and resumes dispatching of a queue ({@code ops.queues.pause} / {@code resume}). A pause is a row the
 * outbox relay of every replica reads in each claim: the queue's dispatch rows stay in the outbox, their jobs stay
 * queued with their holds, and nothing is lost. Resuming deletes the row; the relay then publishes what waited,
 * oldest first.
 */
@ApplicationScoped
public class QueuePausing {
    static final String PAUSE = "ops.queues.pause";
    static final String RESUME = "ops.queues.resume";

    @Inject
    KnownQueues queues;
    @Inject
    Topics topics;
    @Inject
    QueuePauseStore pauses;
    @Inject
    OutboxStore outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OpsAudit audit;
    @Inject
    Clock clock;

    /** What the action's transaction did. */
    private record Done(boolean changed, Pause pause, long auditId) {
    }

    /**
     * Pauses the queue. Returns once no relay round is publishing a row of it any more (a round that claimed rows
     * before the pause committed holds them locked until it has sent them), so from the answer on nothing of the
     * queue is dispatched until it is resumed.
     */
    public OpsQueueState pause(Caller caller, String queue, String reason) {
        String topic = topics.dispatch(queues.require(queue));
        Done done = QuarkusTransaction.requiringNew().call(() -> {
            boolean changed = pauses.pause(new Pause(queue, topic, clock.instant(), caller.principalId(), reason));
            Pause pause = pauses.find(queue).orElseThrow();
            long auditId = audit.record(caller, PAUSE, queue, reason, OpsAudit.detail().put("changed", changed));
            return new Done(changed, pause, auditId);
        });
        long unpublished = QuarkusTransaction.requiringNew().call(() -> outbox.awaitRoundsOf(topic));
        return new OpsQueueState(queue, true, done.changed(), done.pause().pausedAt(), done.pause().pausedBy(),
                done.pause().reason(), unpublished, done.auditId());
    }

    /** Resumes the queue and wakes this replica's relay; other replicas see it at their next claim. */
    public OpsQueueState resume(Caller caller, String queue, String reason) {
        String topic = topics.dispatch(queues.require(queue));
        Done done = QuarkusTransaction.requiringNew().call(() -> {
            boolean changed = pauses.resume(queue);
            long auditId = audit.record(caller, RESUME, queue, reason, OpsAudit.detail().put("changed", changed));
            return new Done(changed, null, auditId);
        });
        relay.wake();
        long unpublished = outbox.pending().byTopic().getOrDefault(topic, 0L);
        return new OpsQueueState(queue, false, done.changed(), null, null, null, unpublished, done.auditId());
    }
}
