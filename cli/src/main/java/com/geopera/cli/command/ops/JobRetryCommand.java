package com.geopera.cli.command.ops;

import picocli.CommandLine.Command;

/** {@code geopera ops job retry JOB} → ops.jobs.retry. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Run a failed job again as a new job of its org, holding its credits again (at most once).",
        footer = {"%nExample:", "  geopera ops job retry job_01JD... --reason \"input fixed\""})
public final class JobRetryCommand extends JobActionCommand {
    @Override
    protected String operation() {
        return "ops.jobs.retry";
    }
}
