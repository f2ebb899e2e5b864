package com.geopera.cli.command.ops;

import com.geopera.cli.output.View;
import picocli.CommandLine.Parameters;

/** A job action: the operation with the job's id and the reason for the audit. */
abstract class JobActionCommand extends OpsActionCommand {
    @Parameters(paramLabel = "JOB", description = "The job's id (job_…), of any org.")
    String jobId;

    @Override
    protected String targetMember() {
        return "job_id";
    }

    @Override
    protected String target() {
        return jobId;
    }

    @Override
    protected View view() {
        return OpsViews.JOB_ACTION;
    }
}
