package com.geopera.api.service;

import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.DispatchPositionStore;
import com.geopera.api.store.JobEventStore;
import com.geopera.api.store.JobLivenessStore;
import com.geopera.api.store.JobStore;
import com.geopera.api.store.OutboxStore;
import com.geopera.ledger.HoldStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Deletes what has served its purpose, so tables and the storage root do not grow for ever: sent outbox rows (they
 * hold the job's full inputs) and the dispatch positions of jobs finished as long ago, HEARTBEAT/PROGRESS job events
 * (lifecycle events are kept), the {@code job_liveness} rows of attempts no longer running, orphaned attempt and
 * staging directories, when {@code geopera.retention.output-age} is set the outputs of long-finished jobs, and when
 * {@code geopera.retention.finished-job-age} is set the long-finished jobs themselves.
 * Each round deletes at most {@code batch-size} rows in its own transaction, so no lock is held for long, and a
 * pass runs at most {@code max-rounds} rounds of each kind; rows are claimed with {@code SKIP LOCKED}, so replicas
 * share the work.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    OutboxStore outbox;
    @Inject
    DispatchPositionStore positions;
    @Inject
    JobEventStore events;
    @Inject
    JobStore jobs;
    @Inject
    JobLivenessStore liveness;
    @Inject
    OrphanedFiles orphanedFiles;
    @Inject
    OutputDirectories storage;
    @Inject
    Credits credits;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** What one pass deleted. */
    public record Pass(int outboxRows, int dispatchPositions, int progressEvents, int directories, int jobOutputs,
            int livenessRows, int finishedJobs) {
    }

    @Scheduled(every = "${geopera.retention.interval}", delayed = "${geopera.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Pass pass = runOnce();
            if (pass.outboxRows() + pass.dispatchPositions() + pass.progressEvents() + pass.directories()
                    + pass.jobOutputs() + pass.livenessRows() + pass.finishedJobs() > 0) {
                LOG.infof("retention: %s", pass);
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention pass failed: %s", e.getMessage());
        }
    }

    /** One pass at the clock's current time. */
    public Pass runOnce() {
        Instant now = clock.instant();
        ApiConfig.Retention settings = config.retention();
        int batch = settings.batchSize();
        int outboxRows = rounds(() -> outbox.deleteSentBefore(now.minus(settings.sentOutboxAge()), batch));
        int dispatchPositions = rounds(() -> positions.deleteOfJobsFinishedBefore(now.minus(settings.sentOutboxAge()),
                batch));
        int progressEvents = rounds(() -> events.deleteProgressBefore(now.minus(settings.progressEventAge()), batch));
        int directories = orphanedFiles.delete(now.minus(settings.orphanedFileAge()), batch);
        int jobOutputs = settings.outputAge().map(age -> rounds(() -> deleteOutputs(now, age, batch))).orElse(0);
        int finishedJobs = settings.finishedJobAge().map(age -> rounds(() -> deleteFinishedJobs(now, age, batch)))
                .orElse(0);
        int livenessRows = rounds(() -> liveness.deleteStale(batch));
        return new Pass(outboxRows, dispatchPositions, progressEvents, directories, jobOutputs, livenessRows,
                finishedJobs);
    }

    /** Outputs of jobs finished before {@code now - age}: files removed, record kept, as job.delete does. */
    private int deleteOutputs(Instant now, Duration age, int batch) {
        List<Job> due = jobs.lockFinishedWithOutputsBefore(now.minus(age), batch);
        for (Job job : due) {
            storage.deleteOutputs(job);
            job.outputsDeleted(now);
            jobs.update(job);
        }
        return due.size();
    }

    /**
     * Jobs finished before {@code now - age}, longest-finished first: output files (the job's whole directory),
     * events, dispatch position, then the row. Only jobs whose credits are closed go: billing {@code reserved} is
     * not even selected, and a job whose hold the ledger still has pending is kept whatever its row says. The
     * ledger's entries of a deleted job stay (the journal only grows), so balances and statements do not change.
     * Returns the jobs looked at, so that rounds continue while there are full batches.
     */
    private int deleteFinishedJobs(Instant now, Duration age, int batch) {
        List<Job> due = jobs.lockFinishedBefore(now.minus(age), batch);
        List<String> deleted = new ArrayList<>();
        for (Job job : due) {
            if (credits.hold(job.jobId).filter(hold -> hold.status() == HoldStatus.PENDING).isPresent()) {
                LOG.warnf("retention: job %s finished with billing %s but its hold is pending; kept", job.jobId,
                        job.billing().status().wireName());
                continue;
            }
            storage.deleteOutputs(job);
            deleted.add(job.jobId);
        }
        if (!deleted.isEmpty()) {
            events.deleteOfJobs(deleted);
            positions.deleteOfJobs(deleted);
            jobs.deleteAll(deleted);
        }
        return due.size();
    }

    /** Repeats a deleting round, each in its own transaction, until a round finds less than a batch. */
    private int rounds(IntSupplier round) {
        int batch = config.retention().batchSize();
        int total = 0;
        for (int i = 0; i < config.retention().maxRounds(); i++) {
            int deleted = QuarkusTransaction.requiringNew().call(round::getAsInt);
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        return total;
    }
}
