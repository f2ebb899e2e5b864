package com.geopera.api.store.entity;

import com.geopera.common.job.BillingStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** A billing status as the {@code jobs.billing_status} column holds it: its wire name ({@code none}, …). */
@Converter
public class BillingStatusColumn implements AttributeConverter<BillingStatus, String> {
    @Override
    public String convertToDatabaseColumn(BillingStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public BillingStatus convertToEntityAttribute(String wireName) {
        return wireName == null ? null : BillingStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
