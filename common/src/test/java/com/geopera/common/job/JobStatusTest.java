package com.geopera.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @CsvSource({
        "CREATED,QUEUED", "CREATED,CANCELLED", "CREATED,FAILED",
        "QUEUED,RUNNING", "QUEUED,SUCCEEDED", "QUEUED,FAILED", "QUEUED,CANCELLED",
        "RUNNING,SUCCEEDED", "RUNNING,FAILED", "RUNNING,CANCELLED", "RUNNING,QUEUED"
    })
    void legal_transitions_are_allowed(JobStatus from, JobStatus to) {
        assertThat(from.moveTo(to)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @CsvSource({
        "CREATED,RUNNING", "CREATED,SUCCEEDED", "QUEUED,CREATED", "RUNNING,CREATED",
        "SUCCEEDED,RUNNING", "FAILED,QUEUED", "CANCELLED,RUNNING", "SUCCEEDED,FAILED"
    })
    void illegal_transitions_are_refused(JobStatus from, JobStatus to) {
        assertThatThrownBy(() -> from.moveTo(to))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(from.wireName()).hasMessageContaining(to.wireName());
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void terminal_statuses_have_no_successors(JobStatus status) {
        assertThat(status.isTerminal()).isTrue();
        assertThat(status.successors()).isEmpty();
    }

    @Test
    void statuses_map_to_ogc_status_codes() {
        assertThat(JobStatus.CREATED.ogcStatus()).isEqualTo("accepted");
        assertThat(JobStatus.RUNNING.ogcStatus()).isEqualTo("running");
        assertThat(JobStatus.SUCCEEDED.ogcStatus()).isEqualTo("successful");
        assertThat(JobStatus.CANCELLED.ogcStatus()).isEqualTo("dismissed");
        assertThat(JobStatus.fromWireName("failed")).isEqualTo(JobStatus.FAILED);
    }
}
