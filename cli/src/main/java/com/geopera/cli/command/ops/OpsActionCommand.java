package com.geopera.cli.command.ops;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.output.View;
import picocli.CommandLine.Option;

/** An operator action on one target (a queue, a job): the operation with the target and why, sent once. */
abstract class OpsActionCommand extends ApiCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the operators' audit).")
    String reason;

    protected abstract String operation();

    /** The body member naming the target, e.g. {@code queue}. */
    protected abstract String targetMember();

    protected abstract String target();

    /** How the answer is shown. */
    protected abstract View view();

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode().put(targetMember(), target());
        if (reason != null) {
            body.put("reason", reason);
        }
        context.renderer().object(OpsCall.act(context, operation(), body), view());
        return ExitCode.OK;
    }
}
