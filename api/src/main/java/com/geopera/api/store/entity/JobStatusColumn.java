package com.geopera.api.store.entity;

import com.geopera.common.job.JobStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A job status as the {@code jobs.status} column holds it: its wire name ({@code created}, {@code queued}, …). */
@Converter
public class JobStatusColumn implements AttributeConverter<JobStatus, String> {
    @Override
    public String convertToDatabaseColumn(JobStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public JobStatus convertToEntityAttribute(String wireName) {
        return wireName == null ? null : JobStatus.fromWireName(wireName);
    }
}
