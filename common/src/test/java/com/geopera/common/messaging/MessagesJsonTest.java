package com.geopera.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import com.geopera.common.process.JobOutput;
import com.geopera.common.process.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesJsonTest {

    @Test
    void dispatch_commands_round_trip_with_snake_case_fields() throws Exception {
        JsonNode inputs = Json.mapper().readTree("{\"image\":\"file:elev.tif\"}");
        DispatchJob command = new DispatchJob(DispatchJob.SCHEMA_VERSION, "cmd_1", "job_1", 2, "org_1", "clip",
                "1.0.0", "clip", inputs, 12, Instant.parse("2026-01-01T00:00:00Z"));
        String json = Json.mapper().writeValueAsString(command);
        assertThat(json).contains("\"job_id\":\"job_1\"", "\"schema_version\":1", "\"issued_at\":\"2026-01-01T00:00:00Z\"");
        assertThat(Json.mapper().readValue(json, DispatchJob.class)).isEqualTo(command);
    }

    @Test
    void completed_events_carry_outputs_and_usage() throws Exception {
        JobEvent event = new JobEvent(JobEvent.SCHEMA_VERSION, "evt_1", JobEventType.COMPLETED, "job_1", 1, "w1",
                Instant.parse("2026-01-01T00:00:00Z"), 100,
                List.of(new JobOutput("result", "file:///tmp/r.tif", "image/tiff", 42, Map.of("bands", 1))),
                new Usage(7, Map.of("pixels", 100)), null);
        String json = Json.mapper().writeValueAsString(event);
        assertThat(json).doesNotContain("\"error\"").contains("\"media_type\":\"image/tiff\"");
        assertThat(Json.mapper().readValue(json, JobEvent.class)).isEqualTo(event);
    }

    @Test
    void topic_names_come_from_one_prefix() {
        Topics topics = new Topics("t1.geopera");
        assertThat(topics.dispatch("clip")).isEqualTo("t1.geopera.jobs.dispatch.clip");
        assertThat(topics.events()).isEqualTo("t1.geopera.jobs.events");
        assertThat(topics.deadLetter(topics.events())).isEqualTo("t1.geopera.jobs.events.dlq");
    }
}
