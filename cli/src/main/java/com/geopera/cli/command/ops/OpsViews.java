package com.geopera.cli.command.ops;

import static com.geopera.cli.output.Column.of;
import static com.geopera.cli.output.Column.text;

import com.geopera.cli.output.FieldFormat;
import com.geopera.cli.output.Section;
import com.geopera.cli.output.View;
import java.util.List;

/** What people see of the operator answers (docs/OPERATIONS-GUIDE.md). */
final class OpsViews {
    private OpsViews() {
    }

    static final View QUEUES = View.of("queues", List.of(
            text("Queue", "/queue"),
            text("Paused", "/paused"),
            text("Backlog", "/backlog"),
            text("Unpublished", "/unpublished"),
            text("Queued", "/queued"),
            text("Running", "/running"),
            of("Oldest queued", "/oldest_queued_age_seconds", FieldFormat.SECONDS),
            text("Workers", "/workers_alive"),
            text("Done 5m", "/throughput/last_5m/succeeded"),
            text("Failed 5m", "/throughput/last_5m/failed"),
            text("Fail rate 60m", "/throughput/last_60m/failure_rate")));

    static final View WORKERS = View.of("workers", List.of(
            text("Worker", "/worker_id"),
            text("Alive", "/alive"),
            of("Queues", "/queues", FieldFormat.LIST),
            text("Slots", "/slots"),
            text("Busy", "/slots_busy"),
            text("Free", "/slots_free"),
            of("Last heartbeat", "/last_heartbeat_at", FieldFormat.TIME),
            text("Version", "/version")));

    static final View JOBS = View.of("jobs", List.of(text("As of", "/as_of")))
            .withSections(List.of(
                    new Section("Stuck", "/stuck", List.of(text("Job", "/job_id"), text("Queue", "/queue"),
                            text("Status", "/status"), text("Reason", "/reason"), of("Age", "/age_seconds", FieldFormat.SECONDS),
                            text("Worker", "/worker_id"))),
                    new Section("Failures", "/failures", List.of(text("Job", "/job_id"), text("Queue", "/queue"),
                            text("Code", "/error_code"), of("Finished", "/finished_at", FieldFormat.TIME),
                            text("Message", "/error_message"))),
                    new Section("Failure codes", "/failure_codes", List.of(text("Code", "/error_code"),
                            text("Count", "/count")))));

    static final View QUEUE_STATE = View.of("queues", List.of(
            text("Queue", "/queue"),
            text("Paused", "/paused"),
            text("Changed", "/changed"),
            of("Paused at", "/paused_at", FieldFormat.TIME),
            text("Reason", "/pause_reason"),
            text("Unpublished", "/unpublished"),
            text("Audit id", "/audit_id")));

    static final View JOB_ACTION = View.of("jobs", List.of(
            text("Audit id", "/audit_id"),
            text("Job", "/job/job_id"),
            text("Retry of", "/retry_of"),
            text("Status", "/job/status"),
            text("Attempt", "/job/attempt"),
            text("Org", "/job/org_id"),
            of("Reserved", "/job/billing/reserved_credits", FieldFormat.CREDITS),
            text("Billing", "/job/billing/status")));

    static final View AUDIT = View.of("entries", List.of(
            text("Id", "/audit_id"),
            of("At", "/at", FieldFormat.TIME),
            text("Action", "/action"),
            text("Target", "/target"),
            text("Principal", "/principal_id"),
            text("Reason", "/reason")));
}
