package com.geopera.api.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.contract.JobView;
import com.geopera.api.service.OutputDirectories;
import com.geopera.api.store.JobRow;
import com.geopera.common.job.BillingStatus;
import com.geopera.common.job.JobStatus;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes listed jobs straight from their rows to a JSON generator, member by member: the same bytes as
 * {@link JobViews#listed} serialized by the shared mapper (the {@link JobView} record's members in its order, null
 * members left out), without a {@code Job}, a {@code JobView} or a JSON tree per job: streamed listings write a
 * million jobs this way, and a profile of them put the time in those objects and their reflective serialization
 * (docs/BENCHMARKS.md "NDJSON rendering"). Any member
 * added to {@link JobView} must be added here too: {@code JobJsonWriterTest} compares the two for every kind of job.
 * One writer per stream (it keeps a buffer), used by one thread at a time.
 */
public final class JobJsonWriter {
    /** A listed job without inputs is ~700 bytes of JSON: the first size of a buffer per job written. */
    public static final int BYTES_PER_JOB = 700;
    private static final Map<String, JobStatus> STATUSES = new HashMap<>();
    private static final Map<String, String> BILLING = new HashMap<>();

    static {
        for (JobStatus status : JobStatus.values()) {
            STATUSES.put(status.wireName(), status);
        }
        for (BillingStatus status : BillingStatus.values()) {
            BILLING.put(status.wireName(), status.wireName());
        }
    }

    private final String base;
    private final char[] time = new char[InstantText.MAX_CHARS];

    /** {@code base} ends with a slash, as for {@link JobViews#view}. */
    public JobJsonWriter(String base) {
        this.base = base;
    }

    /** Writes the row as one JSON object (a root value, or an element of an array the caller opened). */
    public void write(JobRow row, JsonGenerator g) throws IOException, SQLException {
        String jobId = row.jobId();
        String statusText = row.status();
        JobStatus status = STATUSES.get(statusText);
        if (status == null) {
            throw new IllegalStateException("unknown job status: " + statusText);
        }
        g.writeStartObject();
        g.writeStringField("job_id", jobId);
        g.writeStringField("status", statusText);
        g.writeStringField("ogc_status", status.ogcStatus());
        string(g, "process_id", row.processId());
        string(g, "process_version", row.processVersion());
        string(g, "job_type", row.jobType());
        string(g, "queue", row.queue());
        string(g, "title", row.title());
        string(g, "org_id", row.orgId());
        string(g, "workspace_id", row.workspaceId());
        string(g, "project_id", row.projectId());
        String inputs = row.inputs();
        if (inputs != null) {
            g.writeFieldName("inputs");
            copyJson(inputs, g);
        }
        g.writeNumberField("progress", row.progress());
        g.writeNumberField("attempt", row.attempt());
        string(g, "worker_id", row.workerId());
        time(g, "created_at", row.createdAt());
        time(g, "updated_at", row.updatedAt());
        time(g, "started_at", row.startedAt());
        time(g, "finished_at", row.finishedAt());
        time(g, "heartbeat_at", row.heartbeatAt());
        String errorCode = row.errorCode();
        if (errorCode != null) {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", errorCode);
            string(g, "message", row.errorMessage());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("outputs");
        String outputs = row.outputs();
        if (outputs != null) {
            outputs(jobId, outputs, g);
        }
        g.writeEndArray();
        time(g, "outputs_deleted_at", row.outputsDeletedAt());
        g.writeObjectFieldStart("billing");
        g.writeNumberField("estimated_credits", row.estimatedCredits());
        g.writeNumberField("reserved_credits", row.reservedCredits());
        g.writeNumberField("charged_credits", row.chargedCredits());
        g.writeNumberField("released_credits", row.releasedCredits());
        String billing = BILLING.get(row.billingStatus());
        if (billing == null) {
            throw new IllegalStateException("unknown billing status: " + row.billingStatus());
        }
        g.writeStringField("status", billing);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The stored outputs as {@link JobViews} shows them (served by the api unless external). */
    private void outputs(String jobId, String stored, JsonGenerator g) throws IOException {
        for (JsonNode output : Json.mapper().readTree(stored)) {
            String name = output.path("name").asText();
            String href = output.path("href").asText(null);
            boolean external = OutputDirectories.isExternal(href);
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("href", external ? href : JobViews.outputHref(base, jobId, name));
            g.writeBooleanField("external", external);
            string(g, "media_type", output.path("media_type").asText(null));
            g.writeNumberField("size_bytes", output.path("size_bytes").asLong());
            JsonNode metadata = output.get("metadata");
            if (metadata != null) {
                g.writeFieldName("metadata");
                g.writeTree(metadata);
            }
            g.writeEndObject();
        }
    }

    /** Copies stored JSON token by token (no tree): numbers and strings come out as a tree would write them. */
    private static void copyJson(String json, JsonGenerator g) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            parser.nextToken();
            g.copyCurrentStructure(parser);
        }
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private void time(JsonGenerator g, String name, OffsetDateTime value) throws IOException {
        if (value == null) {
            return;
        }
        g.writeFieldName(name);
        int length = InstantText.write(value, time);
        if (length < 0) {
            g.writeString(value.toInstant().toString());
        } else {
            g.writeString(time, 0, length);
        }
    }
}
