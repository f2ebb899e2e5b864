package com.geopera.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CliJson;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.ApiClient;
import com.geopera.cli.http.RequestOptions;
import com.geopera.cli.http.Sleeper;
import java.time.Duration;

/** Polls {@code processing.job.get} until the job reaches a terminal status, reporting progress as it goes. */
public final class JobFollower {
    public static final String JOB_GET = "processing.job.get";

    private final ApiClient client;
    private final Sleeper sleeper;
    private final Duration pollInterval;
    private final ProgressReporter reporter;

    public JobFollower(ApiClient client, Sleeper sleeper, Duration pollInterval, ProgressReporter reporter) {
        this.client = client;
        this.sleeper = sleeper;
        this.pollInterval = pollInterval;
        this.reporter = reporter;
    }

    /** Returns the job once it succeeded, failed or was cancelled. */
    public JsonNode follow(String jobId) {
        ObjectNode request = CliJson.mapper().createObjectNode().put("job_id", jobId);
        try {
            while (true) {
                JsonNode job = client.call(JOB_GET, request, RequestOptions.read()).body();
                reporter.update(job);
                if (FollowedStatus.isTerminal(job.path("status").asText())) {
                    return job;
                }
                sleeper.sleep(pollInterval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted");
        } finally {
            reporter.finish();
        }
    }
}
