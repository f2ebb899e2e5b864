package com.geopera.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Progress for logs and pipes: one line whenever the status or the progress changes. */
public final class PlainProgressLines implements ProgressReporter {
    private final PrintWriter err;
    private String lastState = "";

    public PlainProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void update(JsonNode job) {
        String state = job.path("status").asText() + " " + job.path("progress").asInt(0) + "%";
        if (!state.equals(lastState)) {
            err.println(job.path("job_id").asText() + " " + state);
            err.flush();
            lastState = state;
        }
    }

    @Override
    public void finish() {
        // Every line is already complete.
    }
}
