package com.geopera.api.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The current row of a job listing read in place (see {@link JobStore#scan}): the columns a listed job shows, read
 * straight from the result set when asked, without making a {@code Job} of the row or parsing its JSON columns. A
 * running job's progress and heartbeat already have its {@code job_liveness} row laid over them (in the SQL, the
 * same rule as {@link JobLivenessStore#overlay}). One instance serves every row of a scan; it is valid only while
 * the sink that got it runs.
 */
public final class JobRow {
    /** The selected columns, in the order of the getters' indexes below. */
    private static final String COLUMNS = "job_id, status, process_id, process_version, job_type, queue, title, "
            + "org_id, workspace_id, project_id, %s, " + JobLivenessStore.LIVE_PROGRESS + ", attempt, worker_id, "
            + "created_at, updated_at, started_at, finished_at, " + JobLivenessStore.LIVE_HEARTBEAT + ", "
            + "error_code, error_message, outputs, outputs_deleted_at, estimated_credits, reserved_credits, "
            + "charged_credits, released_credits, billing_status";

    private final ResultSet rows;

    JobRow(ResultSet rows) {
        this.rows = rows;
    }

    /** The SELECT list of a scan; {@code inputs} is read only when the listing includes it. */
    static String columns(boolean withInputs) {
        return COLUMNS.formatted(withInputs ? "inputs" : "NULL AS inputs");
    }

    public String jobId() throws SQLException {
        return rows.getString(1);
    }

    /** The wire name, as stored. */
    public String status() throws SQLException {
        return rows.getString(2);
    }

    public String processId() throws SQLException {
        return rows.getString(3);
    }

    public String processVersion() throws SQLException {
        return rows.getString(4);
    }

    public String jobType() throws SQLException {
        return rows.getString(5);
    }

    public String queue() throws SQLException {
        return rows.getString(6);
    }

    public String title() throws SQLException {
        return rows.getString(7);
    }

    public String orgId() throws SQLException {
        return rows.getString(8);
    }

    public String workspaceId() throws SQLException {
        return rows.getString(9);
    }

    public String projectId() throws SQLException {
        return rows.getString(10);
    }

    /** The stored inputs as JSON text (PostgreSQL's jsonb text form), null when not read or absent. */
    public String inputs() throws SQLException {
        return rows.getString(11);
    }

    public int progress() throws SQLException {
        return rows.getInt(12);
    }

    public int attempt() throws SQLException {
        return rows.getInt(13);
    }

    public String workerId() throws SQLException {
        return rows.getString(14);
    }

    public OffsetDateTime createdAt() throws SQLException {
        return time(15);
    }

    public OffsetDateTime updatedAt() throws SQLException {
        return time(16);
    }

    public OffsetDateTime startedAt() throws SQLException {
        return time(17);
    }

    public OffsetDateTime finishedAt() throws SQLException {
        return time(18);
    }

    public OffsetDateTime heartbeatAt() throws SQLException {
        return time(19);
    }

    public String errorCode() throws SQLException {
        return rows.getString(20);
    }

    public String errorMessage() throws SQLException {
        return rows.getString(21);
    }

    /** The stored outputs as JSON text, null when none were registered. */
    public String outputs() throws SQLException {
        return rows.getString(22);
    }

    public OffsetDateTime outputsDeletedAt() throws SQLException {
        return time(23);
    }

    public long estimatedCredits() throws SQLException {
        return rows.getLong(24);
    }

    public long reservedCredits() throws SQLException {
        return rows.getLong(25);
    }

    public long chargedCredits() throws SQLException {
        return rows.getLong(26);
    }

    public long releasedCredits() throws SQLException {
        return rows.getLong(27);
    }

    /** As stored (the lower-case wire name). */
    public String billingStatus() throws SQLException {
        return rows.getString(28);
    }

    /** Where a page that ends with this row continues: its sort value in the cursor's text form and its id. */
    JobQuery.After after(JobQuery.SortColumn sort) throws SQLException {
        String value = switch (sort) {
            case CREATED_AT -> text(createdAt());
            case UPDATED_AT -> text(updatedAt());
            case FINISHED_AT -> text(finishedAt());
            case STATUS -> status();
            case PROCESS_ID -> processId();
        };
        return new JobQuery.After(value, jobId());
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }

    // The driver parses the text form straight into an OffsetDateTime (getTimestamp would go through a Calendar).
    private OffsetDateTime time(int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class);
    }
}
