package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Lists;
import com.geopera.cli.command.Views;
import com.geopera.cli.config.Setting;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera processing project-jobs list} → processing.project_jobs.list. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a project's jobs (project members only); the project from --project-id or "
                + "GEOPERA_PROJECT_ID.",
        footer = {"%nExample:", "  geopera processing project-jobs list --project-id prj_01J… --status succeeded"})
public final class ProjectJobsListCommand extends ApiCommand {
    private static final String OPERATION = "processing.project_jobs.list";

    @Option(names = "--status", paramLabel = "STATUS", description = "Only jobs in this status.")
    String status;

    @Option(names = "--job-type", paramLabel = "NAME", description = "Only jobs of this job type.")
    String jobType;

    @Option(names = "--limit", paramLabel = "N", description = "At most N jobs.")
    Integer limit;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N jobs.")
    Integer offset;

    @Option(names = "--cursor", paramLabel = "CURSOR",
            description = "Continue after the page that answered this next_cursor (same filters and sort).")
    String cursor;

    @Option(names = "--all", description = "Every page, each asked with the previous page's next_cursor "
            + "(with --output ndjson the whole listing is streamed anyway).")
    boolean all;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode();
        body.put("project_id", context.config().require(Setting.PROJECT_ID, "--project-id"));
        if (status != null) {
            body.put("status", status);
        }
        if (jobType != null) {
            body.put("job_type_name", jobType);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        if (offset != null) {
            body.put("offset", offset);
        }
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        return Lists.show(context, context.processingClient(true), OPERATION, body, Views.JOB_ROWS, all);
    }
}
