package com.geopera.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.geopera.api.ApiProblem;
import com.geopera.common.error.ValidationProblem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    private static RequestBody parse(String json) {
        return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8), 1024);
    }

    @Test
    void every_problem_of_a_body_is_reported_in_one_refusal() {
        RequestBody body = parse("{\"job_id\": 5, \"limit\": \"many\", \"page\": 0}");
        body.requiredString("job_id");
        body.requiredString("project_id");
        body.optionalInt("limit", 1, 500);
        body.optionalInt("page", 1, 10);
        assertThatThrownBy(body::throwIfInvalid).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(422);
            assertThat(problem.errors()).extracting(ValidationProblem::pointer)
                    .containsExactly("/job_id", "/project_id", "/limit", "/page");
            assertThat(problem.errors()).extracting(ValidationProblem::code)
                    .containsExactly("type_mismatch", "required", "type_mismatch", "out_of_range");
        });
    }

    @Test
    void malformed_json_is_400_an_oversized_body_413_and_an_empty_body_an_empty_object() {
        assertThatThrownBy(() -> parse("{\"a\":")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> parse("{\"a\":\"" + "x".repeat(2000) + "\"}")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(413));
        assertThatThrownBy(() -> parse("[1]")).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(422));
        assertThat(parse("  ").root().isEmpty()).isTrue();
    }

    @Test
    void lists_are_accepted_as_arrays_or_comma_separated_strings_and_aliases_are_read() {
        assertThat(parse("{\"ids\": \"a, b,,c\"}").optionalStringList("ids")).containsExactly("a", "b", "c");
        assertThat(parse("{\"ids\": [\"a\", \"b\"]}").optionalStringList("ids")).containsExactly("a", "b");
        assertThat(parse("{\"workspace_id\": \"ws_1\"}").requiredString("workspaceId", "workspace_id")).isEqualTo("ws_1");
    }
}
