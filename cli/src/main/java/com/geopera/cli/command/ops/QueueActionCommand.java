package com.geopera.cli.command.ops;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A queue action: the operation with the queue's name and the reason for the audit. */
abstract class QueueActionCommand extends ApiCommand {
    @Parameters(paramLabel = "NAME", description = "The queue, e.g. clip.")
    String queue;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the operators' audit).")
    String reason;

    protected abstract String operation();

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put("queue", queue);
        if (reason != null) {
            body.put("reason", reason);
        }
        context.renderer().object(OpsCall.act(context, operation(), body), OpsViews.QUEUE_STATE);
        return ExitCode.OK;
    }
}
