package com.geopera.api.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.geopera.api.ApiProblem;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobRow;
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
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Whole listings as NDJSON, every matching job, in constant memory per stream. The listing is read in keyset chunks
 * (the same statement as a cursor page, {@link JobService#list}), one chunk at a time and only when the client has
 * taken the previous one: a slow reader holds no thread, no database connection and no open transaction (a server-side
 * cursor would hold all three, and hold back vacuum, for as long as the client reads). Each chunk's rows are written
 * straight from the result set to one JSON generator ({@link RowWriter}), on this class's own threads, never on the
 * HTTP worker threads, and an org may stream a bounded number of listings at once per replica (429
 * {@code too_many_streams} beyond).
 */
@ApplicationScoped
public class JobStreams {
    private static final Logger LOG = Logger.getLogger(JobStreams.class);
    private static final byte[] END = new byte[0];
    private static final SerializedString LINE_BREAK = new SerializedString("\n");
    /** A listed job without inputs is ~600 bytes of JSON: the chunk buffer's first size. */
    private static final int BYTES_PER_JOB = 700;

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

    /** Writes one row of a listing as one JSON value (the streamed listing's line). */
    @FunctionalInterface
    public interface RowWriter {
        void write(JobRow row, JsonGenerator generator) throws IOException, SQLException;
    }

    /**
     * Every job of the listing from its start (its cursor or offset, if any) to its end, in its order, as chunks of
     * NDJSON lines without the last line break (the HTTP layer ends each chunk with one), each row written by
     * {@code writer} straight from the result set. {@code chunkCap} bounds the chunk size (jobs with their inputs
     * are larger). Throws 429 when the org streams too many listings already; the slot is given back when the
     * stream ends, fails or the client goes away.
     */
    public Multi<byte[]> stream(JobQuery query, int chunkCap, RowWriter writer) {
        String orgId = query.orgId();
        AtomicInteger streaming = open.computeIfAbsent(orgId, org -> new AtomicInteger());
        if (streaming.incrementAndGet() > settings.maxPerOrg()) {
            release(orgId, streaming);
            throw ApiProblem.of(ErrorCode.TOO_MANY_STREAMS, "this organisation already streams "
                    + settings.maxPerOrg() + " listings; retry when one has ended",
                    Map.of("max_streams", settings.maxPerOrg(), "retry_after_seconds", 1));
        }
        Chunks chunks = chunks(query, chunkCap, writer);
        return Multi.createBy().repeating()
                .uni(() -> chunks, r -> Uni.createFrom().item(r::next).runSubscriptionOn(executor))
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

    /**
     * The chunks of a listing, read one by one on the caller's thread, with no stream slot taken: what
     * {@link #stream} sends, for callers that measure or check it in-process.
     */
    public Chunks chunks(JobQuery query, int chunkCap, RowWriter writer) {
        return new Chunks(query.withLimit(Math.min(chunkCap, settings.firstChunkSize())),
                Math.min(chunkCap, settings.chunkSize()), writer);
    }

    /** Where one stream is: the query of its next chunk, null once the last chunk was read. */
    public final class Chunks {
        private final int chunkSize;
        private final RowWriter writer;
        private JobQuery next;

        private Chunks(JobQuery first, int chunkSize, RowWriter writer) {
            this.next = first;
            this.chunkSize = chunkSize;
            this.writer = writer;
        }

        /** The next chunk's lines, or an empty array at the end. One chunk at a time: never called concurrently. */
        public byte[] next() {
            if (next == null) {
                return END;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(next.limit() * BYTES_PER_JOB);
            JobStore.Scan scan;
            try (JsonGenerator generator = Json.mapper().createGenerator(out)) {
                // Root values one per line; the generator's default separator is a space.
                generator.setRootValueSeparator(LINE_BREAK);
                scan = jobs.scan(next, row -> {
                    try {
                        writer.write(row, generator);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            next = scan.next() == null ? null : next.withLimit(chunkSize).continuedAfter(scan.next());
            return scan.rows() == 0 ? END : out.toByteArray();
        }
    }
}
