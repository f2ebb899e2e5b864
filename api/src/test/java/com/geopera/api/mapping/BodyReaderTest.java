package com.geopera.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.geopera.api.ApiProblem;
import com.geopera.api.contract.ApiKeyCreateInput;
import com.geopera.api.contract.JobGetInput;
import com.geopera.api.contract.JobRegisterInput;
import com.geopera.api.contract.JobsListInput;
import com.geopera.api.contract.ProcessExecuteInput;
import com.geopera.api.contract.ProjectMemberAddInput;
import com.geopera.common.error.ValidationProblem;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class BodyReaderTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private final BodyReader reader = new BodyReader(VALIDATOR, 1024);

    private <T> Bound<T> read(String json, Class<T> type) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static List<String> pointers(Bound<?> bound) {
        return bound.problems().stream().map(ValidationProblem::pointer).toList();
    }

    private static List<String> codes(Bound<?> bound) {
        return bound.problems().stream().map(ValidationProblem::code).toList();
    }

    @Test
    void every_problem_of_a_body_is_reported_at_once_in_the_order_of_its_fields() {
        Bound<JobsListInput> list = read("{\"workspaceId\": 5, \"limit\": \"many\", \"page\": 0, \"status\": \"bogus\","
                + " \"include\": [\"inputs\", 3, \"everything\"]}", JobsListInput.class);
        assertThat(pointers(list)).containsExactly("/workspaceId", "/status", "/page", "/limit", "/include",
                "/include/1");
        assertThat(codes(list)).containsExactly("type_mismatch", "not_allowed_value", "out_of_range", "type_mismatch",
                "not_allowed_value", "type_mismatch");
        assertThatThrownBy(list::throwIfInvalid).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.errors()).hasSize(6);
        });
    }

    @Test
    void a_missing_or_blank_field_is_required_and_a_field_of_the_wrong_type_is_refused_once() {
        Bound<ProcessExecuteInput> draft = read("{\"process_id\": 5, \"title\": \"  \"}", ProcessExecuteInput.class);
        assertThat(pointers(draft)).containsExactly("/process_id", "/workspaceId", "/title");
        assertThat(codes(draft)).containsExactly("type_mismatch", "required", "required");
        assertThat(draft.value().inputs().isEmpty()).as("absent inputs are none").isTrue();
    }

    @Test
    void aliases_are_read_and_a_problem_points_at_the_spelling_the_client_used() {
        Bound<ProcessExecuteInput> aliased = read("{\"processId\": \"clip\", \"workspace_id\": \"ws_1\"}",
                ProcessExecuteInput.class);
        assertThat(aliased.problems()).isEmpty();
        assertThat(aliased.value().processId()).isEqualTo("clip");
        assertThat(aliased.value().workspaceId()).isEqualTo("ws_1");
        assertThat(pointers(read("{\"process_id\": \"clip\", \"workspace_id\": 7}", ProcessExecuteInput.class)))
                .containsExactly("/workspace_id");
        assertThat(read("{\"jobId\": \"job_1\"}", JobGetInput.class).value().jobId()).isEqualTo("job_1");
    }

    @Test
    void lists_are_taken_as_arrays_or_comma_separated_strings_and_integers_as_digits() {
        JobsListInput list = read("{\"ids\": \"a, b,,c\", \"status\": [\"queued\", \"failed\"], \"limit\": \"20\"}",
                JobsListInput.class).orThrow();
        assertThat(list.ids()).containsExactly("a", "b", "c");
        assertThat(list.status()).containsExactly("queued", "failed");
        assertThat(list.limit()).isEqualTo(20);
        assertThat(read("{}", JobsListInput.class).orThrow().include()).isEmpty();
    }

    @Test
    void each_unknown_scope_is_refused_at_its_own_index() {
        Bound<ApiKeyCreateInput> key = read("{\"name\": \"k\", \"scopes\": [\"processing:read\", \"nope\", \"admin\", "
                + "\"root\"]}", ApiKeyCreateInput.class);
        assertThat(pointers(key)).containsExactly("/scopes/1", "/scopes/3");
        assertThat(codes(key)).containsOnly("not_allowed_value");
        assertThat(key.problems().get(0).message()).contains("nope");
        assertThat(pointers(read("{\"name\": \"k\"}", ApiKeyCreateInput.class))).containsExactly("/scopes");
    }

    @Test
    void ids_hold_only_id_characters_and_one_of_two_fields_can_be_required() {
        Bound<JobGetInput> spaced = read("{\"job_id\": \"job 1\"}", JobGetInput.class);
        assertThat(codes(spaced)).containsExactly("not_allowed_value");
        assertThat(read("{\"job_id\": \"job_01JD6Z0Q4K3V\"}", JobGetInput.class).problems()).isEmpty();
        Bound<ProjectMemberAddInput> member = read("{\"project_id\": \"prj_1\"}", ProjectMemberAddInput.class);
        assertThat(pointers(member)).containsExactly("/key_id");
        assertThat(codes(member)).containsExactly("required");
        assertThat(read("{\"project_id\": \"prj_1\", \"principal_id\": \"prn_1\"}", ProjectMemberAddInput.class)
                .problems()).isEmpty();
    }

    @Test
    void nested_records_are_bound_with_their_own_pointers() {
        assertThat(pointers(read("{\"job_id\": \"job_1\", \"usage\": {\"credits\": -1}}", JobRegisterInput.class)))
                .containsExactly("/usage/credits");
        assertThat(codes(read("{\"job_id\": \"job_1\", \"usage\": 3}", JobRegisterInput.class)))
                .containsExactly("type_mismatch");
        JobRegisterInput register = read("{\"job_id\": \"job_1\", \"outputs\": [{\"name\": \"r\"}], \"usage\": "
                + "{\"credits\": 4}}", JobRegisterInput.class).orThrow();
        assertThat(register.usage().credits()).isEqualTo(4L);
        assertThat(register.outputs().get(0).path("name").asText()).isEqualTo("r");
    }

    @Test
    void malformed_json_is_400_an_oversized_body_413_another_value_422_and_an_empty_body_an_empty_object() {
        assertThatThrownBy(() -> read("{\"a\":", JobsListInput.class)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> read("{\"a\":\"" + "x".repeat(2000) + "\"}", JobsListInput.class))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(413));
        assertThatThrownBy(() -> read("[1]", JobsListInput.class)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(422));
        assertThat(read("  ", JobsListInput.class).problems()).isEmpty();
    }
}
