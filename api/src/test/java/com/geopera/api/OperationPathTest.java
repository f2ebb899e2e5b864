package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.api.rest.OperationPathFilter;
import org.junit.jupiter.api.Test;

class OperationPathTest {

    @Test
    void an_operation_id_maps_to_its_resource_path_by_turning_dots_into_slashes() {
        assertThat(OperationPathFilter.resourcePath("processing.job.get")).isEqualTo("/v1/processing/job/get");
        assertThat(OperationPathFilter.resourcePath("processing.job_types.list")).isEqualTo("/v1/processing/job_types/list");
        assertThat(OperationPathFilter.resourcePath("admin.projects.members.add"))
                .isEqualTo("/v1/admin/projects/members/add");
    }
}
