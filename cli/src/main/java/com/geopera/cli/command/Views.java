package com.geopera.cli.command;

import static com.geopera.cli.output.Column.of;
import static com.geopera.cli.output.Column.text;

import com.geopera.cli.output.Column;
import com.geopera.cli.output.FieldFormat;
import com.geopera.cli.output.Section;
import com.geopera.cli.output.View;
import java.util.List;

/** The human views of the api's documents: which fields people see, in which order and format. */
public final class Views {
    private static final List<Column> JOB_FIELDS = List.of(
            text("Job", "/job_id"),
            text("Status", "/status"),
            text("OGC status", "/ogc_status"),
            of("Progress", "/progress", FieldFormat.PERCENT),
            text("Process", "/process_id"),
            text("Process version", "/process_version"),
            text("Job type", "/job_type"),
            text("Attempt", "/attempt"),
            text("Org", "/org_id"),
            text("Workspace", "/workspace_id"),
            text("Project", "/project_id"),
            text("Inputs", "/inputs"),
            of("Created", "/created_at", FieldFormat.TIME),
            of("Started", "/started_at", FieldFormat.TIME),
            of("Finished", "/finished_at", FieldFormat.TIME),
            of("Updated", "/updated_at", FieldFormat.TIME),
            text("Error", "/error/code"),
            text("Error message", "/error/message"),
            text("Billing", "/billing/status"),
            of("Estimated", "/billing/estimated_credits", FieldFormat.CREDITS),
            of("Reserved", "/billing/reserved_credits", FieldFormat.CREDITS),
            of("Charged", "/billing/charged_credits", FieldFormat.CREDITS),
            of("Released", "/billing/released_credits", FieldFormat.CREDITS));

    private static final List<Column> OUTPUT_COLUMNS = List.of(
            text("Name", "/name"),
            text("Media type", "/media_type"),
            of("Size", "/size_bytes", FieldFormat.BYTES),
            text("Href", "/href"));

    public static final View JOB = View.of("jobs", JOB_FIELDS)
            .withSections(List.of(new Section("Outputs", "/outputs", OUTPUT_COLUMNS)));

    public static final View JOB_ROWS = View.of("jobs", List.of(
            text("Job", "/job_id"),
            text("Process", "/process_id"),
            text("Status", "/status"),
            of("Progress", "/progress", FieldFormat.PERCENT),
            of("Created", "/created_at", FieldFormat.TIME),
            of("Charged", "/billing/charged_credits", FieldFormat.CREDITS)));

    public static final View PROCESS_ROWS = View.of("processes", List.of(
            text("Id", "/id"),
            text("Version", "/version"),
            text("Title", "/title"),
            text("Job type", "/job_type"),
            text("Category", "/category"),
            text("Queue", "/queue")));

    public static final View PROCESS = View.of("processes", List.of(
            text("Process", "/id"),
            text("Version", "/version"),
            text("Title", "/title"),
            text("Description", "/description"),
            text("Job type", "/job_type"),
            text("Category", "/category"),
            text("Queue", "/queue"),
            of("Keywords", "/keywords", FieldFormat.LIST),
            of("Job control", "/jobControlOptions", FieldFormat.LIST)))
            .withSections(List.of(
                    new Section("Inputs", "/inputs", List.of(text("Name", "/name"), text("Title", "/title"),
                            text("Min", "/minOccurs"), text("Max", "/maxOccurs"))),
                    new Section("Outputs", "/outputs", List.of(text("Name", "/name"), text("Title", "/title")))));

    public static final View ESTIMATE = View.of("estimates", List.of(
            of("Credits", "/credits", FieldFormat.CREDITS),
            text("Basis", "/basis"),
            of("Expires", "/expires_at", FieldFormat.TIME)));

    public static final View BALANCE = View.of("balances", List.of(
            text("Org", "/org_id"),
            of("Posted", "/posted", FieldFormat.CREDITS),
            of("Pending", "/pending", FieldFormat.CREDITS),
            of("Available", "/available", FieldFormat.CREDITS),
            text("Invariants ok", "/invariants_ok")));

    private Views() {
    }

    /** Every scalar field of the document, for answers without a fixed shape (admin results, tile info). */
    public static View generic(String noun) {
        return View.generic(noun);
    }
}
