package com.geopera.api.service.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.Caller;
import com.geopera.api.contract.ops.OpsAuditPage;
import com.geopera.api.contract.ops.OpsAuditPage.OpsAuditEntry;
import com.geopera.api.store.OpsAuditStore;
import com.geopera.api.store.OpsAuditStore.Entry;
import com.geopera.common.json.Json;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Writes who did what to what, and when, for every operator action, in the transaction of the action (an action
 * that is refused or rolled back leaves no entry), and reads the audit back.
 */
@ApplicationScoped
public class OpsAudit {
    @Inject
    OpsAuditStore store;
    @Inject
    Clock clock;
    @Inject
    MeterRegistry metrics;

    /** Appends the entry in the caller's transaction and returns its id. */
    public long record(Caller caller, String action, String target, String reason, ObjectNode detail) {
        long id = store.append(new Entry(0, clock.instant(), caller.principalId(), caller.keyId(), caller.sessionId(),
                action, target, reason, detail == null ? Json.mapper().createObjectNode() : detail));
        metrics.counter("geopera.ops.actions", "action", action).increment();
        return id;
    }

    /** A page of the audit, newest first. */
    public OpsAuditPage page(int limit, Long beforeId) {
        // One more than asked tells whether another page follows.
        List<Entry> read = store.page(limit + 1, beforeId);
        List<Entry> entries = read.size() > limit ? read.subList(0, limit) : read;
        Long next = read.size() > limit ? entries.get(limit - 1).auditId() : null;
        return new OpsAuditPage(entries.stream().map(e -> new OpsAuditEntry(e.auditId(), e.at(), e.principalId(),
                e.keyId(), e.sessionId(), e.action(), e.target(), e.reason(), e.detail())).toList(), next);
    }

    /** An empty detail object to fill. */
    public static ObjectNode detail() {
        return Json.mapper().createObjectNode();
    }
}
