package com.geopera.cli.command.ops;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera ops}: the operators' views and actions, and the api's health and metrics. */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Operators: queues, workers, stuck jobs, actions; health and metrics.",
        subcommands = {OpsQueuesCommand.class, OpsWorkersCommand.class, OpsJobsCommand.class, OpsQueueCommand.class,
                OpsJobCommand.class, OpsAuditCommand.class, OpsHealthCommand.class, OpsMetricsCommand.class},
        footer = {"%nExample:", "  geopera ops queues"})
public final class OpsCommand extends GroupCommand {
}
