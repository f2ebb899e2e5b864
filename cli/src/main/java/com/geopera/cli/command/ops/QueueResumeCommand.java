package com.geopera.cli.command.ops;

import picocli.CommandLine.Command;

/** {@code geopera ops queue resume NAME} → ops.queues.resume. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Dispatch a paused queue again, oldest waiting job first.",
        footer = {"%nExample:", "  geopera ops queue resume bathy"})
public final class QueueResumeCommand extends QueueActionCommand {
    @Override
    protected String operation() {
        return "ops.queues.resume";
    }
}
