package com.geopera.api.rest;

import com.geopera.common.error.ErrorCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals particular to an operation (beyond those every operation can answer: malformed body, credentials,
 * scope, size, validation, rate, outage). The OpenAPI document lists them as problem responses of their status.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {
    ErrorCode[] value();
}
