package com.geopera.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.cli.CliJson;
import com.geopera.cli.error.ExitCode;
import org.junit.jupiter.api.Test;

class ReceivedProblemTest {
    @Test
    void a_problem_document_is_read_with_its_field_errors_and_mapped_to_an_exit_code() throws Exception {
        var body = CliJson.mapper().readTree("{\"status\":422,\"code\":\"validation_failed\",\"title\":\"Invalid\","
                + "\"errors\":[{\"code\":\"required\",\"pointer\":\"/process_id\",\"message\":\"missing\"}]}");

        ReceivedProblem problem = ReceivedProblem.from(422, body, null);

        assertThat(problem.code()).isEqualTo("validation_failed");
        assertThat(problem.errors()).containsExactly(new ReceivedProblem.FieldError("required", "/process_id", "missing"));
        assertThat(problem.summary()).isEqualTo("validation_failed: Invalid");
        assertThat(new ApiException(problem).exitCode()).isEqualTo(ExitCode.REJECTED);
    }

    @Test
    void an_answer_that_is_no_problem_document_still_gives_status_and_text() {
        ReceivedProblem problem = ReceivedProblem.from(502, null, "Bad Gateway\n");

        assertThat(problem.summary()).isEqualTo("HTTP 502: Bad Gateway");
        assertThat(new ApiException(problem).exitCode()).isEqualTo(ExitCode.SERVER);
    }
}
