package com.geopera.api.contract;

/** The description of every {@code job_id} request field. */
public final class JobIdField {
    public static final String DESCRIPTION = "The job (job_…); jobId is accepted too";

    private JobIdField() {
    }
}
