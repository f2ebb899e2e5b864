package com.geopera.api.service;

import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.JobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Fails jobs that were created and never dispatched once {@code geopera.expiry.created-ttl} has passed, with error
 * code {@code expired} ({@link Job#expire}). A created job holds no credits, so there is nothing to release; without
 * this, created jobs (free to make) would pile up for ever. Failed rather than cancelled: nobody asked for it, and the
 * error code tells the client why. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas share the work
 * and a job being dispatched at that moment is left alone (it is no longer created once its dispatch commits).
 */
@ApplicationScoped
public class CreatedJobExpiry {
    private static final Logger LOG = Logger.getLogger(CreatedJobExpiry.class);
    /** Rounds per pass: bounds one pass; what is left is due again at the next. */
    private static final int MAX_ROUNDS = 50;

    @Inject
    JobStore jobs;
    @Inject
    JobLifecycle lifecycle;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    @Scheduled(every = "${geopera.expiry.interval}", delayed = "${geopera.expiry.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int expired = runOnce();
            if (expired > 0) {
                LOG.infof("expired %d created jobs", expired);
            }
        } catch (RuntimeException e) {
            LOG.warnf("created-job expiry failed: %s", e.getMessage());
        }
    }

    /** One pass at the clock's current time; returns the jobs expired. */
    public int runOnce() {
        Instant now = clock.instant();
        Instant createdBefore = now.minus(config.expiry().createdTtl());
        int batch = config.expiry().batchSize();
        int total = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int expired = QuarkusTransaction.requiringNew().call(() -> {
                List<Job> due = jobs.lockCreatedBefore(createdBefore, batch);
                int count = 0;
                for (Job job : due) {
                    // Through the lifecycle like every status change; its release finds no hold, as expected.
                    count += lifecycle.expire(job, "the job was created more than " + config.expiry().createdTtl()
                            + " ago and never dispatched", now).applied() ? 1 : 0;
                }
                return count;
            });
            total += expired;
            if (expired < batch) {
                break;
            }
        }
        return total;
    }
}
