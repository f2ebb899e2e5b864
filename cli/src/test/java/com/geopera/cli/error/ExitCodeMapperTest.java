package com.geopera.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExitCodeMapperTest {
    @ParameterizedTest(name = "HTTP {0} exits with {1}")
    @CsvSource({
        "400, 6", "401, 3", "402, 5", "403, 3", "404, 4", "409, 6", "410, 4", "413, 6", "415, 6", "422, 6",
        "500, 7", "502, 7", "503, 7", "504, 7"
    })
    void each_http_error_status_maps_to_its_documented_exit_code(int status, int exitCode) {
        assertThat(ExitCodeMapper.forHttpStatus(status).code()).isEqualTo(exitCode);
    }

    @Test
    void the_documented_exit_codes_never_change_their_numbers() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 130);
    }
}
