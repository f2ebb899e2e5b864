package com.geopera.cli.command.ops;

import com.geopera.cli.CommandContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera ops jobs} → ops.jobs. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Stuck jobs (stale heartbeat, queued too long) and recent failures with their codes.",
        footer = {"%nExample:", "  geopera ops jobs --failed-within 30"})
public final class OpsJobsCommand extends OpsViewCommand {
    @Option(names = "--failed-within", paramLabel = "MINUTES",
            description = "Failures of the last MINUTES (default 60).")
    Integer failedWithinMinutes;

    @Option(names = "--limit", paramLabel = "N", description = "At most N failures and N stuck jobs (default 50).")
    Integer limit;

    @Override
    protected void show(CommandContext context) {
        var body = context.json().createObjectNode();
        if (failedWithinMinutes != null) {
            body.put("failed_within_minutes", failedWithinMinutes);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        context.renderer().object(OpsCall.read(context, "ops.jobs", body), OpsViews.JOBS);
    }
}
