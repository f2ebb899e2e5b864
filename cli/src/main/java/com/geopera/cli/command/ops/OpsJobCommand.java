package com.geopera.cli.command.ops;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera ops job}: retry a failed job or cancel a job, of any org. */
@Command(name = "job", mixinStandardHelpOptions = true, description = "Retry or cancel a job (any org).",
        subcommands = {JobRetryCommand.class, JobCancelCommand.class},
        footer = {"%nExample:", "  geopera ops job retry job_01JD... --reason \"input fixed\""})
public final class OpsJobCommand extends GroupCommand {
}
