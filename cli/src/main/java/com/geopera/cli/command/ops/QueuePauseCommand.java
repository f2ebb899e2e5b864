package com.geopera.cli.command.ops;

import picocli.CommandLine.Command;

/** {@code geopera ops queue pause NAME} → ops.queues.pause. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Stop dispatching a queue: its jobs wait in the outbox, none is lost.",
        footer = {"%nExample:", "  geopera ops queue pause bathy --reason \"GDAL upgrade\""})
public final class QueuePauseCommand extends QueueActionCommand {
    @Override
    protected String operation() {
        return "ops.queues.pause";
    }
}
