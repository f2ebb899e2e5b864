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
import java.util.regex.Pattern;

/**
 * An id the api made or a client chose (job, org, workspace, project, key, principal, session, process): ASCII
 * letters, digits, {@code _ . : -}, starting with a letter or digit, at most {@value #MAX_CHARS} characters. Such an
 * id never needs quoting in a log line, a path or a header. Null and blank strings pass: whether the field is required
 * is {@code @NotBlank}'s or {@link NonBlank}'s to say, so each problem is reported once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Constraint(validatedBy = Identifier.Validator.class)
public @interface Identifier {
    int MAX_CHARS = 128;

    String message() default "must be an id: letters, digits, _ . : - (at most " + MAX_CHARS + " characters)";

    String code() default InputErrorCodes.NOT_ALLOWED_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the characters and length of a non-blank id. */
    class Validator implements ConstraintValidator<Identifier, String> {
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0," + (MAX_CHARS - 1) + "}");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || ID.matcher(value).matches();
        }
    }
}
