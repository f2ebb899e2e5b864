package com.geopera.cli.command.ops;

import com.geopera.cli.output.View;
import picocli.CommandLine.Parameters;

/** A queue action: the operation with the queue's name and the reason for the audit. */
abstract class QueueActionCommand extends OpsActionCommand {
    @Parameters(paramLabel = "NAME", description = "The queue, e.g. clip.")
    String queue;

    @Override
    protected String targetMember() {
        return "queue";
    }

    @Override
    protected String target() {
        return queue;
    }

    @Override
    protected View view() {
        return OpsViews.QUEUE_STATE;
    }
}
