package com.geopera.api.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The request body of every operation as a JSON Schema for /q/openapi: the fields of the operation reference
 * (shared/OPERATIONS.md) and of docs/API.md, with which are required. Resources read raw bytes so that every bad
 * body becomes a problem document; this is the contract those bytes must meet.
 */
final class OperationSchemas {

    /** One body field: its JSON type, whether it must be present, and what it means. */
    private record Field(String name, Kind kind, boolean required, String description) {
    }

    private enum Kind { STRING, INTEGER, OBJECT, STRING_LIST, OBJECT_LIST }

    private static final Map<String, List<Field>> FIELDS = Map.ofEntries(
            Map.entry("processing.catalog.list", List.of()),
            Map.entry("processing.catalog.get", List.of(req("process_id", Kind.STRING, "Process id, e.g. clip"))),
            Map.entry("processing.catalog.validate", processRun()),
            Map.entry("processing.catalog.estimate", processRun()),
            Map.entry("processing.job_types.list",
                    List.of(opt("category", Kind.STRING, "Only job types of this category, e.g. clip, bathy"))),
            Map.entry("processing.create", jobDraft()),
            Map.entry("processing.create_and_dispatch", jobDraft()),
            Map.entry("processing.execute", jobDraft()),
            Map.entry("processing.dispatch", List.of(jobId(),
                    opt("version", Kind.STRING, "Process version to run; refused when no worker queue serves it"))),
            Map.entry("processing.job.get", List.of(jobId())),
            Map.entry("processing.job.delete", List.of(jobId())),
            Map.entry("processing.job.tile_info", List.of(jobId())),
            Map.entry("processing.project_job.get", List.of(jobId())),
            Map.entry("processing.job.register", List.of(jobId(),
                    opt("outputs", Kind.OBJECT_LIST, "Outputs: name, href (file: under the storage root), "
                            + "media_type, size_bytes, metadata"),
                    opt("usage", Kind.OBJECT, "Actual usage: credits (default: the reserved amount; settled as min(credits, reserved)), basis"))),
            Map.entry("processing.jobs.list", List.of(
                    opt("workspaceId", Kind.STRING, "Only jobs of this workspace"),
                    opt("processId", Kind.STRING, "Only jobs of this process"),
                    opt("status", Kind.STRING_LIST, "Only these statuses (comma-separated or an array)"),
                    opt("ids", Kind.STRING_LIST, "Only these job ids (comma-separated or an array)"),
                    opt("page", Kind.INTEGER, "Page number, from 1"),
                    opt("limit", Kind.INTEGER, "Jobs per page"),
                    opt("sort", Kind.STRING, "Sort key, '-' for descending, e.g. -created_at"),
                    opt("cursor", Kind.STRING, "next_cursor of the previous page: the page after it, by keyset"),
                    opt("include", Kind.STRING_LIST, "\"inputs\" to list each job's inputs (at most 50 per page), "
                            + "\"total\" to count every matching job"))),
            Map.entry("processing.project_jobs.list", List.of(
                    req("project_id", Kind.STRING, "The project; the caller must be a member"),
                    opt("status", Kind.STRING_LIST, "Only these statuses"),
                    opt("job_type_name", Kind.STRING, "Only jobs of this job type"),
                    opt("limit", Kind.INTEGER, "Jobs per page"),
                    opt("offset", Kind.INTEGER, "Jobs to skip"),
                    opt("cursor", Kind.STRING, "next_cursor of the previous page: the page after it, by keyset"),
                    opt("include", Kind.STRING_LIST, "\"inputs\" to list each job's inputs (at most 50 per page), "
                            + "\"total\" to count every matching job"))),
            Map.entry("auth.sessions.create", List.of(
                    opt("scopes", Kind.STRING_LIST, "Scopes of the session, a subset of the key's (default: all)"),
                    opt("ttl_seconds", Kind.INTEGER, "Lifetime of the session token"))),
            Map.entry("auth.sessions.revoke", List.of(req("session_id", Kind.STRING, "The session to revoke"))),
            Map.entry("auth.logout", List.of()),
            Map.entry("admin.orgs.create", List.of(req("name", Kind.STRING, "Organisation name"))),
            Map.entry("admin.workspaces.create", List.of(orgId(), req("name", Kind.STRING, "Workspace name"))),
            Map.entry("admin.projects.create", List.of(orgId(),
                    opt("workspace_id", Kind.STRING, "Workspace the project belongs to"),
                    req("name", Kind.STRING, "Project name"))),
            Map.entry("admin.projects.members.add", List.of(
                    req("project_id", Kind.STRING, "The project"),
                    opt("key_id", Kind.STRING, "API key whose principal becomes a member (this or principal_id)"),
                    opt("principal_id", Kind.STRING, "Principal that becomes a member (this or key_id)"))),
            Map.entry("admin.api_keys.create", List.of(
                    opt("org_id", Kind.STRING, "Organisation of the key; none for an admin key"),
                    req("name", Kind.STRING, "Key name"),
                    req("scopes", Kind.STRING_LIST, "Scopes, e.g. processing:read, processing:process"),
                    opt("principal_id", Kind.STRING, "Existing principal to attach the key to"))),
            Map.entry("admin.api_keys.revoke", List.of(req("key_id", Kind.STRING, "The key to revoke"))),
            Map.entry("admin.credits.grant", List.of(orgId(),
                    req("credits", Kind.INTEGER, "Credits to add, at least 1"),
                    opt("reference", Kind.STRING, "Idempotency reference of the grant"))),
            Map.entry("admin.credits.balance", List.of(orgId())));

    private OperationSchemas() {
    }

    /** The request schema of an operation, e.g. {@code processing.execute}; empty for an unknown operation. */
    static Optional<Schema> requestOf(String operationId) {
        List<Field> fields = FIELDS.get(operationId);
        if (fields == null) {
            return Optional.empty();
        }
        Schema schema = OASFactory.createSchema().addType(SchemaType.OBJECT);
        for (Field field : fields) {
            schema.addProperty(field.name(), typeOf(field.kind()).description(field.description()));
            if (field.required()) {
                schema.addRequired(field.name());
            }
        }
        return Optional.of(schema);
    }

    private static Schema typeOf(Kind kind) {
        return switch (kind) {
            case STRING -> OASFactory.createSchema().addType(SchemaType.STRING);
            case INTEGER -> OASFactory.createSchema().addType(SchemaType.INTEGER);
            case OBJECT -> OASFactory.createSchema().addType(SchemaType.OBJECT);
            case STRING_LIST -> OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .items(OASFactory.createSchema().addType(SchemaType.STRING));
            case OBJECT_LIST -> OASFactory.createSchema().addType(SchemaType.ARRAY)
                    .items(OASFactory.createSchema().addType(SchemaType.OBJECT));
        };
    }

    private static List<Field> processRun() {
        return List.of(req("process_id", Kind.STRING, "Process id, e.g. clip"),
                opt("inputs", Kind.OBJECT, "Process inputs, as described by processing.catalog.get"));
    }

    private static List<Field> jobDraft() {
        return List.of(req("process_id", Kind.STRING, "Process id, e.g. clip"),
                req("workspaceId", Kind.STRING, "Workspace of the job"),
                opt("inputs", Kind.OBJECT, "Process inputs, as described by processing.catalog.get"),
                opt("project_id", Kind.STRING, "Project of the job"),
                opt("title", Kind.STRING, "A title for people"));
    }

    private static Field jobId() {
        return req("job_id", Kind.STRING, "The job");
    }

    private static Field orgId() {
        return req("org_id", Kind.STRING, "The organisation");
    }

    private static Field req(String name, Kind kind, String description) {
        return new Field(name, kind, true, description);
    }

    private static Field opt(String name, Kind kind, String description) {
        return new Field(name, kind, false, description);
    }
}
