package com.geopera.cli.command.ops;

import picocli.CommandLine.Command;

/** {@code geopera ops job cancel JOB} → ops.jobs.cancel. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a job: its hold released, a running attempt told to stop.",
        footer = {"%nExample:", "  geopera ops job cancel job_01JD... --reason \"stuck on a bad input\""})
public final class JobCancelCommand extends JobActionCommand {
    @Override
    protected String operation() {
        return "ops.jobs.cancel";
    }
}
