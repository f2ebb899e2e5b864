package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.geopera.common.json.Json;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.Topics;
import com.geopera.common.process.ProcessDescription;
import com.geopera.worker.RejectedDispatchException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchValidatorTest {
    private static final Topics TOPICS = new Topics("t1");
    private static final String CLIP_TOPIC = TOPICS.dispatch("clip");
    private static final ProcessDescription CLIP = new ProcessDescription("clip", "1.0.0", "Clip", "", List.of(),
            List.of(), List.of(), Map.of(), Map.of(), "clip", "raster", "clip");
    private final DispatchValidator validator = new DispatchValidator(Json.mapper(), TOPICS,
            id -> "clip".equals(id) ? Optional.of(CLIP) : Optional.empty());

    private static String json(DispatchJob job) throws Exception {
        return Json.mapper().writeValueAsString(job);
    }

    private static DispatchJob command(String processId, String version, String orgId, int attempt) {
        DispatchJob base = TestDispatches.dispatch("job_1", attempt, processId);
        return new DispatchJob(base.schemaVersion(), base.commandId(), base.jobId(), attempt, orgId, processId,
                version, "clip", base.inputs(), 5, base.issuedAt());
    }

    private void assertRejected(String topic, String payload, String code) {
        assertThatThrownBy(() -> validator.validate(topic, payload))
                .isInstanceOfSatisfying(RejectedDispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(code + ": ");
                });
    }

    @Test
    void a_well_formed_command_of_a_known_process_is_accepted() throws Exception {
        DispatchJob job = validator.validate(CLIP_TOPIC, json(command("clip", "1.0.0", "org_1", 1)));
        assertThat(job.jobId()).isEqualTo("job_1");
        assertThat(validator.validate(CLIP_TOPIC, json(command("clip", null, "org_1", 1))).processId())
                .isEqualTo("clip");
    }

    @Test
    void records_that_are_not_json_objects_are_unparseable() {
        assertRejected(CLIP_TOPIC, "not json {", DispatchValidator.UNPARSEABLE);
        assertRejected(CLIP_TOPIC, "[1,2]", DispatchValidator.UNPARSEABLE);
        assertRejected(CLIP_TOPIC, "", DispatchValidator.UNPARSEABLE);
        assertRejected(CLIP_TOPIC, null, DispatchValidator.UNPARSEABLE);
    }

    @Test
    void another_schema_version_is_refused() throws Exception {
        String payload = json(command("clip", null, "org_1", 1)).replace("\"schema_version\":1",
                "\"schema_version\":2");
        assertRejected(CLIP_TOPIC, payload, DispatchValidator.UNSUPPORTED_SCHEMA_VERSION);
        assertRejected(CLIP_TOPIC, "{\"job_id\":\"job_1\"}", DispatchValidator.UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void unknown_processes_and_versions_are_refused() throws Exception {
        assertRejected(CLIP_TOPIC, json(command("nope", null, "org_1", 1)), DispatchValidator.UNKNOWN_PROCESS);
        assertRejected(CLIP_TOPIC, json(command("clip", "9.9.9", "org_1", 1)),
                DispatchValidator.UNKNOWN_PROCESS_VERSION);
    }

    @Test
    void ids_that_could_escape_the_storage_directory_are_refused() throws Exception {
        assertRejected(CLIP_TOPIC, json(command("clip", null, "../etc", 1)), DispatchValidator.INVALID_COMMAND);
        assertRejected(CLIP_TOPIC, json(command("clip", null, "org_1", 0)), DispatchValidator.INVALID_COMMAND);
    }

    @Test
    void a_command_on_the_queue_of_another_process_is_refused() throws Exception {
        assertRejected(TOPICS.dispatch("terrain"), json(command("clip", null, "org_1", 1)),
                DispatchValidator.WRONG_QUEUE);
    }
}
