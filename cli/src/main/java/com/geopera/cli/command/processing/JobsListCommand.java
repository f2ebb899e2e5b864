package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Lists;
import com.geopera.cli.command.Views;
import com.geopera.cli.config.Setting;
import com.geopera.cli.config.Source;
import com.geopera.cli.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera processing jobs list} → processing.jobs.list. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the organisation's jobs, newest first by default. --workspace-id filters only when "
                + "given as a flag.",
        footer = {"%nExamples:", "  geopera processing jobs list --status running --limit 50",
                "  geopera processing jobs list --process-id clip --sort -created_at \\",
                "      --output ndjson"})
public final class JobsListCommand extends ApiCommand {
    private static final String OPERATION = "processing.jobs.list";

    @Option(names = {"-p", "--process-id"}, paramLabel = "PROCESS", description = "Only jobs of this process.")
    String processId;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only jobs in this status: created, queued, running, succeeded, failed, cancelled.")
    String status;

    @Option(names = "--ids", paramLabel = "JOB", split = ",", description = "Only these jobs (comma-separated).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--page", paramLabel = "N", description = "Page number.")
    Integer page;

    @Option(names = "--limit", paramLabel = "N", description = "Jobs per page.")
    Integer limit;

    @Option(names = "--sort", paramLabel = "FIELD", description = "Sort field, '-' for descending: -created_at.")
    String sort;

    @Option(names = "--cursor", paramLabel = "CURSOR",
            description = "Continue after the page that answered this next_cursor (same filters and sort).")
    String cursor;

    @Option(names = "--all", description = "Every page, each asked with the previous page's next_cursor "
            + "(with --output ndjson the whole listing is streamed anyway).")
    boolean all;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode();
        context.config().get(Setting.WORKSPACE_ID).filter(value -> value.source() == Source.FLAG)
                .ifPresent(workspace -> body.put("workspaceId", workspace.value()));
        if (processId != null) {
            body.put("processId", processId);
        }
        if (status != null) {
            body.put("status", status);
        }
        if (!ids.isEmpty()) {
            body.put("ids", String.join(",", ids));
        }
        if (page != null) {
            body.put("page", page);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        if (sort != null) {
            body.put("sort", sort);
        }
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        return Lists.show(context, context.processingClient(true), OPERATION, body, Views.JOB_ROWS, all);
    }
}
