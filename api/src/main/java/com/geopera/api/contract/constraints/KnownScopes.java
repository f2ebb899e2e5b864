package com.geopera.api.contract.constraints;

import com.geopera.common.auth.Scope;
import com.geopera.common.error.InputErrorCodes;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;

/**
 * Every element names a {@link Scope} ({@code processing:read} …); each unknown one is a problem at its own index
 * ({@code /scopes/1}). Which scopes a key or session may carry is the service's rule.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Constraint(validatedBy = KnownScopes.Validator.class)
public @interface KnownScopes {
    String message() default "unknown scope {given}";

    String code() default InputErrorCodes.NOT_ALLOWED_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks each element against {@link Scope#value()}. */
    class Validator implements ConstraintValidator<KnownScopes, List<String>> {
        private static final List<String> SCOPES = Arrays.stream(Scope.values()).map(Scope::value).toList();
        private String message;

        @Override
        public void initialize(KnownScopes annotation) {
            message = annotation.message();
        }

        @Override
        public boolean isValid(List<String> values, ConstraintValidatorContext context) {
            return ListedValues.check(values, SCOPES::contains, true, message, context);
        }
    }
}
