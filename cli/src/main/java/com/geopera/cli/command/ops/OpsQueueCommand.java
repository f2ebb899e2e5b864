package com.geopera.cli.command.ops;

import com.geopera.cli.command.GroupCommand;
import picocli.CommandLine.Command;

/** {@code geopera ops queue}: pause and resume dispatching of a queue. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Pause or resume a queue.",
        subcommands = {QueuePauseCommand.class, QueueResumeCommand.class},
        footer = {"%nExample:", "  geopera ops queue pause clip --reason \"storage maintenance\""})
public final class OpsQueueCommand extends GroupCommand {
}
