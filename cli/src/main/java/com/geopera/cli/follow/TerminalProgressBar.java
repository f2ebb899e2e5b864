package com.geopera.cli.follow;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.output.HumanValues;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A progress bar redrawn in place ({@code \r}) for a terminal: {@code job_… [#####-----]  50% running 12s}. */
public final class TerminalProgressBar implements ProgressReporter {
    private static final int BAR_WIDTH_CHARS = 30;
    private static final int FULL_PERCENT = 100;
    private static final char DONE = '#';
    private static final char TODO = '-';

    private final PrintWriter err;
    private final Clock clock;
    private final Instant started;
    private int lastLineLength;

    public TerminalProgressBar(PrintWriter err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void update(JsonNode job) {
        int percent = Math.max(0, Math.min(FULL_PERCENT, job.path("progress").asInt(0)));
        int done = percent * BAR_WIDTH_CHARS / FULL_PERCENT;
        String line = job.path("job_id").asText() + " [" + String.valueOf(DONE).repeat(done)
                + String.valueOf(TODO).repeat(BAR_WIDTH_CHARS - done) + "] " + String.format("%3d%%", percent) + " "
                + job.path("status").asText() + " " + HumanValues.duration(Duration.between(started, clock.instant()));
        String padding = " ".repeat(Math.max(0, lastLineLength - line.length()));
        err.print("\r" + line + padding);
        err.flush();
        lastLineLength = line.length();
    }

    @Override
    public void finish() {
        if (lastLineLength > 0) {
            err.println();
            err.flush();
        }
    }
}
