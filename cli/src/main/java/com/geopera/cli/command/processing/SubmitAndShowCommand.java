package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.JobWaiting;
import com.geopera.cli.command.WaitOptions;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Mixin;

/** Base of the commands that submit a job through one spend operation and show it, followed with {@code --wait}. */
abstract class SubmitAndShowCommand extends ApiCommand {
    private final String operation;

    @Mixin
    JobSubmission submission;

    @Mixin
    WaitOptions wait;

    SubmitAndShowCommand(String operation) {
        this.operation = operation;
    }

    @Override
    protected final ExitCode execute(CommandContext context) {
        return JobWaiting.show(context, submission.submit(context, operation), wait);
    }
}
