package com.geopera.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FailureCodeTest {

    @Test
    void wire_names_are_the_codes_clients_already_branch_on() {
        assertThat(Arrays.stream(FailureCode.values()).map(FailureCode::wireName)).containsExactlyInAnyOrder(
                "estimate_exceeds_hold", "input_changed", "invalid_inputs", "time_limit_exceeded", "storage_error",
                "gdal_error", "calibration_failed", "internal_error", "worker_failed", "invalid_outputs",
                "attempts_exhausted", "dispatch_failed", "reservation_expired", "expired");
    }

    @Test
    void an_engines_own_code_is_not_one_of_ours() {
        assertThat(FailureCode.fromWireName("reservation_expired")).contains(FailureCode.RESERVATION_EXPIRED);
        assertThat(FailureCode.fromWireName("not_a_raster")).isEmpty();
    }
}
