package com.geopera.cli.command.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CliJson;
import com.geopera.cli.output.HumanRenderer;
import com.geopera.cli.output.HumanValues;
import com.geopera.cli.output.JsonRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsViewsTest {
    private static final String QUEUES = """
            {"as_of":"2026-12-02T13:00:05Z","kafka_readable":true,"queues":[
             {"queue":"clip","paused":false,"backlog":3,"unpublished":0,"queued":3,"running":1,
              "oldest_queued_age_seconds":125.987654321,"workers_alive":1,
              "throughput":{"last_5m":{"succeeded":2,"failed":0},"last_60m":{"failed":0,"failure_rate":0.0}}},
             {"queue":"bathy","paused":false,"backlog":1,"unpublished":0,"queued":1,"running":0,
              "oldest_queued_age_seconds":0.85,"workers_alive":1,
              "throughput":{"last_5m":{"succeeded":0,"failed":0},"last_60m":{"failed":0,"failure_rate":0.0}}}]}""";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static List<JsonNode> queues(JsonNode answer) {
        List<JsonNode> items = new ArrayList<>();
        answer.path("queues").forEach(items::add);
        return items;
    }

    @Test
    void the_queue_table_shows_the_oldest_queued_age_as_a_duration_not_as_seconds_with_nine_decimals()
            throws Exception {
        JsonNode answer = CliJson.mapper().readTree(QUEUES);
        new HumanRenderer(new PrintWriter(out), new PrintWriter(err),
                new HumanValues(Clock.fixed(Instant.parse("2026-12-02T13:00:05Z"), ZoneOffset.UTC)))
                .list(answer, queues(answer), OpsViews.QUEUES);

        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).contains("OLDEST QUEUED");
        assertThat(lines[1]).startsWith("clip").contains(" 2m 5s ").doesNotContain("125.98");
        assertThat(lines[2]).startsWith("bathy").contains(" 850ms ").doesNotContain("0.85");
    }

    @Test
    void the_json_output_keeps_the_age_in_seconds_as_the_api_answered_it() throws Exception {
        JsonNode answer = CliJson.mapper().readTree(QUEUES);
        new JsonRenderer(new PrintWriter(out), new PrintWriter(err), CliJson.mapper())
                .list(answer, queues(answer), OpsViews.QUEUES);

        JsonNode printed = CliJson.mapper().readTree(out.toString());
        assertThat(printed.path("queues").get(0).path("oldest_queued_age_seconds").isNumber()).isTrue();
        assertThat(printed.path("queues").get(0).path("oldest_queued_age_seconds").asDouble()).isEqualTo(125.987654321);
    }
}
