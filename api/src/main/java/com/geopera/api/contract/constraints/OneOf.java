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
import java.util.List;

/** Every element of a list of strings is one of {@link #value}; one problem per other element, at the list. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Constraint(validatedBy = OneOf.Validator.class)
public @interface OneOf {
    String[] value();

    String message() default "{given} is not one of {value}";

    String code() default InputErrorCodes.NOT_ALLOWED_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Compares each element with the allowed values. */
    class Validator implements ConstraintValidator<OneOf, List<String>> {
        private List<String> allowed;
        private String message;

        @Override
        public void initialize(OneOf annotation) {
            allowed = List.of(annotation.value());
            message = annotation.message();
        }

        @Override
        public boolean isValid(List<String> values, ConstraintValidatorContext context) {
            return ListedValues.check(values, allowed::contains, false, message, context);
        }
    }
}
