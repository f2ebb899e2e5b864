package com.geopera.api.contract;

/** The description of every {@code job_id} request field. */
final class JobIdField {
    static final String DESCRIPTION = "The job (job_…); jobId is accepted too";

    private JobIdField() {
    }
}
