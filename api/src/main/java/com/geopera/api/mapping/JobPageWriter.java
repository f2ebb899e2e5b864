package com.geopera.api.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.geopera.api.contract.JobList;
import com.geopera.api.contract.ProjectJobList;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobStore;
import com.geopera.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the JSON page answers of jobs.list ({@link JobList}) and project_jobs.list ({@link ProjectJobList}) as
 * their rows are read: each job by {@link JobJsonWriter}, then the page's own members. The bytes are those of the
 * records serialized by the shared mapper (members in the records' order, null members left out;
 * {@code JobPageWriterTest} compares them), without a {@code Job}, a {@code JobView} or a map per job: at a million
 * jobs per org the tail latency of the pages was the allocation and reflective serialization of those objects
 * (docs/BENCHMARKS.md "Lists").
 */
public final class JobPageWriter {
    /** Reads one page, handing each row to the sink (see {@code JobService#scanPage}). */
    @FunctionalInterface
    public interface PageScan {
        JobStore.ScannedPage scan(JobStore.RowSink sink);
    }

    /** The opaque text of a cursor that continues after a row. */
    @FunctionalInterface
    public interface CursorText {
        String after(JobQuery.After after);
    }

    private final JobJsonWriter rows;

    /** {@code base} ends with a slash, as for {@link JobViews#view}. */
    public JobPageWriter(String base) {
        this.rows = new JobJsonWriter(base);
    }

    /** A page of processing.jobs.list. A cursor page has no page number: it starts after a row, not at a position. */
    public byte[] jobList(JobQuery query, PageScan pages, CursorText cursors) {
        return write(query, pages, cursors, g -> {
            if (query.after() == null) {
                g.writeNumberField("page", query.offset() / query.limit() + 1);
            }
            g.writeStringField("sort", (query.descending() ? "-" : "") + query.sort().column());
        });
    }

    /** A page of processing.project_jobs.list; a cursor page has no offset. */
    public byte[] projectJobList(JobQuery query, PageScan pages, CursorText cursors) {
        return write(query, pages, cursors, g -> {
            g.writeStringField("project_id", query.projectId());
            if (query.after() == null) {
                g.writeNumberField("offset", query.offset());
            }
        });
    }

    @FunctionalInterface
    private interface Members {
        void write(JsonGenerator generator) throws IOException;
    }

    private byte[] write(JobQuery query, PageScan pages, CursorText cursors, Members between) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + query.limit() * JobJsonWriter.BYTES_PER_JOB);
        try (JsonGenerator g = Json.mapper().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("jobs");
            JobStore.ScannedPage page = pages.scan(row -> {
                try {
                    rows.write(row, g);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            between.write(g);
            g.writeNumberField("limit", query.limit());
            if (page.total() != null) {
                g.writeNumberField("total", page.total());
            }
            JobQuery.After next = page.scan().next();
            g.writeBooleanField("has_more", next != null);
            if (next != null) {
                g.writeStringField("next_cursor", cursors.after(next));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
