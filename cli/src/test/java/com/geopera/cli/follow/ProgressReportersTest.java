package com.geopera.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.cli.CliJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressReportersTest {
    private final StringWriter err = new StringWriter();

    private static com.fasterxml.jackson.databind.JsonNode job(String status, int progress) {
        return CliJson.mapper().createObjectNode().put("job_id", "job_1").put("status", status)
                .put("progress", progress);
    }

    @Test
    void plain_lines_are_written_only_when_status_or_progress_change() {
        PlainProgressLines lines = new PlainProgressLines(new PrintWriter(err));

        lines.update(job("queued", 0));
        lines.update(job("queued", 0));
        lines.update(job("running", 40));
        lines.update(job("running", 40));
        lines.update(job("succeeded", 100));
        lines.finish();

        assertThat(err.toString().split("\n")).containsExactly("job_1 queued 0%", "job_1 running 40%",
                "job_1 succeeded 100%");
    }

    @Test
    void the_terminal_bar_redraws_one_line_and_ends_it_when_done() {
        TerminalProgressBar bar = new TerminalProgressBar(new PrintWriter(err),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

        bar.update(job("running", 50));
        bar.update(job("succeeded", 100));
        bar.finish();

        assertThat(err.toString()).isEqualTo("\rjob_1 [###############---------------]  50% running 0s"
                + "\rjob_1 [##############################] 100% succeeded 0s" + System.lineSeparator());
    }

    @Test
    void only_succeeded_failed_and_cancelled_end_the_wait() {
        assertThat(FollowedStatus.isTerminal("succeeded")).isTrue();
        assertThat(FollowedStatus.isTerminal("failed")).isTrue();
        assertThat(FollowedStatus.isTerminal("cancelled")).isTrue();
        assertThat(FollowedStatus.isTerminal("created")).isFalse();
        assertThat(FollowedStatus.isTerminal("queued")).isFalse();
        assertThat(FollowedStatus.isTerminal("running")).isFalse();
        assertThat(FollowedStatus.isUnderway("queued")).isTrue();
        assertThat(FollowedStatus.isUnderway("running")).isTrue();
        assertThat(FollowedStatus.isUnderway("created")).isFalse();
        assertThat(FollowedStatus.isUnderway("succeeded")).isFalse();
    }
}
