package com.geopera.api.service;

import com.geopera.api.store.TransientFailures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether PostgreSQL is out, as seen by requests that failed on it. The first failure of an outage is logged as one
 * line and every request meanwhile is answered 503; a probe (only while out) notices the return and logs it once,
 * so an outage costs two log lines however many requests it refuses.
 */
@ApplicationScoped
public class DatabaseOutage {
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    /** Start of the current outage, null while PostgreSQL answers. */
    private final AtomicReference<Instant> since = new AtomicReference<>();
    private final AtomicLong refused = new AtomicLong();

    /** True when {@code failure} means the database is unreachable, overloaded or restarting (worth a retry later). */
    public static boolean isOutage(Throwable failure) {
        if (TransientFailures.isTransient(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            // Agroal's own refusal when no connection could be had in time carries no SQLSTATE.
            if (cause instanceof SQLException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase().contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Records a request refused because of {@code failure}; logs only the first of an outage. */
    public void refused(Throwable failure) {
        refused.incrementAndGet();
        Instant now = clock.instant();
        if (since.compareAndSet(null, now)) {
            LOG.warnf("PostgreSQL is unavailable; requests are answered 503 until it is back: %s", rootMessage(failure));
        }
    }

    /** True while an outage is being seen. */
    public boolean ongoing() {
        return since.get() != null;
    }

    /** Checks, only during an outage, whether PostgreSQL answers again, and logs its return once. */
    @Scheduled(every = "${geopera.database.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        Instant start = since.get();
        if (start == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(PROBE_TIMEOUT_SECONDS)) {
                return;
            }
        } catch (SQLException | RuntimeException stillDown) {
            return;
        }
        if (since.compareAndSet(start, null)) {
            LOG.infof("PostgreSQL is available again after %d s; %d requests were answered 503",
                    Duration.between(start, clock.instant()).toSeconds(), refused.getAndSet(0));
        }
    }

    /** The database's own words (SQLSTATE and message) when there are any, else the deepest cause. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage();
            }
            root = cause;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
