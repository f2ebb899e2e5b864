package com.geopera.api.service;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.geopera.api.ApiProblem;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobStore;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.json.Json;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Whole listings as NDJSON, every matching job, in constant memory per stream. The listing is read in keyset chunks
 * (the same statement as a cursor page, {@link JobService#list}), one chunk at a time and only when the client has
 * taken the previous one: a slow reader holds no thread, no database connection and no open transaction (a server-side
 * cursor would hold all three, and hold back vacuum, for as long as the client reads). Chunks are read and rendered on
 * this class's own threads, never on the HTTP worker threads, and an org may stream a bounded number of listings at
 * once per replica (429 {@code too_many_streams} beyond).
 */
@ApplicationScoped
public class JobStreams {
    private static final Logger LOG = Logger.getLogger(JobStreams.class);
    private static final byte[] END = new byte[0];
    private static final ObjectWriter WRITER = Json.mapper().writer();

    private final JobService jobs;
    private final ApiConfig.Streams settings;
    private final ExecutorService executor;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    @Inject
    public JobStreams(JobService jobs, ApiConfig config) {
        this.jobs = jobs;
        this.settings = config.jobs().streams();
        this.executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "geopera-list-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Every job of the listing from its start (its cursor or offset, if any) to its end, in its order, as chunks of
     * NDJSON lines without the last line break (the HTTP layer ends each chunk with one). {@code chunkCap} bounds the
     * chunk size (jobs with their inputs are larger). Throws 429 when the org streams too many listings already;
     * the slot is given back when the stream ends, fails or the client goes away.
     */
    public Multi<byte[]> stream(JobQuery query, int chunkCap, Function<Job, ?> view) {
        String orgId = query.orgId();
        AtomicInteger streaming = open.computeIfAbsent(orgId, org -> new AtomicInteger());
        if (streaming.incrementAndGet() > settings.maxPerOrg()) {
            release(orgId, streaming);
            throw ApiProblem.of(ErrorCode.TOO_MANY_STREAMS, "this organisation already streams "
                    + settings.maxPerOrg() + " listings; retry when one has ended",
                    Map.of("max_streams", settings.maxPerOrg(), "retry_after_seconds", 1));
        }
        Reader reader = new Reader(query.withLimit(Math.min(chunkCap, settings.firstChunkSize())),
                Math.min(chunkCap, settings.chunkSize()), view);
        return Multi.createBy().repeating()
                .uni(() -> reader, r -> Uni.createFrom().item(r::next).runSubscriptionOn(executor))
                .until(chunk -> chunk.length == 0)
                // Once the first chunk went out the status is sent: a failure can only cut the chunked answer short
                // (no final empty chunk), which HTTP clients report as an incomplete body.
                .onFailure().invoke(e -> LOG.warnf("a streamed listing of org %s failed: %s", orgId, e.toString()))
                .onTermination().invoke(() -> release(orgId, streaming));
    }

    /** Listings of the org streaming now on this replica (for tests and metrics). */
    public int streaming(String orgId) {
        AtomicInteger count = open.get(orgId);
        return count == null ? 0 : count.get();
    }

    private void release(String orgId, AtomicInteger streaming) {
        if (streaming.decrementAndGet() <= 0) {
            open.remove(orgId, streaming);
        }
    }

    /** Where one stream is: the query of its next chunk, null once the last chunk was read. */
    private final class Reader {
        private final int chunkSize;
        private final Function<Job, ?> view;
        private JobQuery next;

        Reader(JobQuery first, int chunkSize, Function<Job, ?> view) {
            this.next = first;
            this.chunkSize = chunkSize;
            this.view = view;
        }

        /** The next chunk's lines, or an empty array at the end. One chunk at a time: never called concurrently. */
        byte[] next() {
            if (next == null) {
                return END;
            }
            JobStore.Page page = jobs.list(next);
            next = page.hasMore() ? next.withLimit(chunkSize).continuedAfter(page.next()) : null;
            if (page.jobs().isEmpty()) {
                return END;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(page.jobs().size() * 1024);
            try {
                for (int i = 0; i < page.jobs().size(); i++) {
                    if (i > 0) {
                        out.write('\n');
                    }
                    out.write(WRITER.writeValueAsBytes(view.apply(page.jobs().get(i))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
