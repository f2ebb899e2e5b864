package com.geopera.api.rest;

import com.geopera.common.auth.Scope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an operation needs. {@code optional = true} makes the operation public: it works without a token,
 * and a token that is sent must be valid (401 otherwise) but needs no scope.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
    /** The scopes needed (all of them, or one of them with {@link #anyOf}); none means any valid token. */
    Scope[] value() default {};

    /** True when one of {@link #value} is enough (an operation open to customers and to platform workers). */
    boolean anyOf() default false;

    boolean optional() default false;
}
