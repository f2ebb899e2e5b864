package com.geopera.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.follow.JobFollower;
import com.geopera.cli.follow.FollowedStatus;
import com.geopera.cli.output.OutputFormat;
import java.io.PrintWriter;

/** Shows a job, after following it to its end when {@code --wait} was given. */
public final class JobWaiting {
    private JobWaiting() {
    }

    /** Renders the job (followed first with --wait); exit code 8 when a followed job did not succeed. */
    public static ExitCode show(CommandContext context, JsonNode job, WaitOptions wait) {
        boolean ended = FollowedStatus.isTerminal(job.path("status").asText());
        if (!wait.enabled() || ended) {
            context.renderer().object(job, Views.JOB);
            if (FollowedStatus.isUnderway(job.path("status").asText()) && context.outputFormat() == OutputFormat.HUMAN) {
                context.environment().err().println("Follow it with: geopera processing job get "
                        + job.get("job_id").asText() + " --wait");
                context.environment().err().flush();
            }
            return wait.enabled() ? outcome(job) : ExitCode.OK;
        }
        JsonNode finished = follow(context, job.path("job_id").asText(), wait);
        context.renderer().object(finished, Views.JOB);
        return outcome(finished);
    }

    private static JsonNode follow(CommandContext context, String jobId, WaitOptions wait) {
        PrintWriter err = context.environment().err();
        err.println("Following " + jobId + " (Ctrl-C stops following; the job keeps running).");
        err.flush();
        // Ctrl-C ends the JVM with 130; the hook says how to pick the job up again.
        Thread hint = new Thread(() -> {
            err.println();
            err.println("Stopped following " + jobId + "; it keeps running on the server.");
            err.println("Follow it again with: geopera processing job get " + jobId + " --wait");
            err.flush();
        }, "geopera-follow-hint");
        Runtime.getRuntime().addShutdownHook(hint);
        try {
            JobFollower follower = new JobFollower(context.processingClient(true), context.environment().sleeper(),
                    wait.pollInterval(), context.progressReporter());
            return follower.follow(jobId);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C): the hook runs and prints the hint.
            }
        }
    }

    private static ExitCode outcome(JsonNode job) {
        return FollowedStatus.SUCCEEDED.equals(job.path("status").asText()) ? ExitCode.OK : ExitCode.JOB_UNSUCCESSFUL;
    }
}
