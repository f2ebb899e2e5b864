package com.geopera.api.service;

import com.geopera.api.store.HoldJobConsistency;
import com.geopera.ledger.Violation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The full audit of the books: every cached balance recomputed from the journal, every hold checked against its
 * entries ({@code Ledger.checkInvariants}) and against its job. Its cost grows with the journal, so it runs on its own
 * ({@code admin.ledger.audit}, and every {@code geopera.ledger.audit-interval}) instead of inside every balance
 * answer; its last result is the gauge {@code geopera_ledger_invariant_violations}, the one the alerts read. The bean
 * starts with the application so the gauge is exported (NaN) from the first scrape, not only after the first audit.
 */
@Startup
@ApplicationScoped
public class LedgerAudit {
    private static final Logger LOG = Logger.getLogger(LedgerAudit.class);

    /** One audit: what disagrees, when it was checked and how long it took. */
    public record Report(List<Violation> violations, Instant checkedAt, Duration took) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    @Inject
    Credits credits;
    @Inject
    HoldJobConsistency holdsAndJobs;
    @Inject
    MeterRegistry metrics;
    @Inject
    Clock clock;

    /** Violations found by the last audit of this replica; NaN until it audited once. */
    private volatile double lastViolations = Double.NaN;
    /** When this replica last audited, in epoch seconds; NaN until then. */
    private volatile double lastCheckedAt = Double.NaN;

    @PostConstruct
    void registerGauges() {
        Gauge.builder("geopera.ledger.invariant.violations", this, audit -> audit.lastViolations)
                .description("Ledger invariant violations found by the last audit (NaN before the first)")
                .register(metrics);
        Gauge.builder("geopera.ledger.audit.checked", this, audit -> audit.lastCheckedAt)
                .description("When the last ledger audit ran, in seconds since the epoch").baseUnit("seconds")
                .register(metrics);
    }

    @Scheduled(every = "${geopera.ledger.audit-interval}", delayed = "${geopera.ledger.audit-first-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Report report = run();
            if (!report.ok()) {
                LOG.errorf("ledger audit: %d violations, first %s", report.violations().size(),
                        report.violations().get(0));
            }
        } catch (RuntimeException e) {
            LOG.warnf("ledger audit failed: %s", e.getMessage());
        }
    }

    /** Audits now, in a transaction of its own, and publishes the result as the gauge. */
    public Report run() {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        List<Violation> violations = QuarkusTransaction.requiringNew().call(() -> {
            List<Violation> found = new ArrayList<>(credits.invariants().violations());
            found.addAll(holdsAndJobs.violations());
            return found;
        });
        Report report = new Report(List.copyOf(violations), started, Duration.ofNanos(System.nanoTime() - startNanos));
        lastViolations = violations.size();
        lastCheckedAt = started.getEpochSecond();
        return report;
    }
}
