package com.geopera.api.contract.constraints;

import com.geopera.common.error.InputErrorCodes;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An optional string: absent is fine, but when given it must hold a non-space character ({@code required}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Constraint(validatedBy = NonBlank.Validator.class)
public @interface NonBlank {
    String message() default "must not be empty";

    String code() default InputErrorCodes.REQUIRED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Passes null; fails a blank string. */
    class Validator implements ConstraintValidator<NonBlank, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !value.isBlank();
        }
    }
}
