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
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * On a request record: at least one of the named components is given (e.g. {@code key_id} or {@code principal_id});
 * the problem points at {@link #pointer}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Constraint(validatedBy = AnyRequired.Validator.class)
public @interface AnyRequired {
    /** Record component names. */
    String[] value();

    /** The JSON pointer of the problem, e.g. {@code /key_id}. */
    String pointer();

    String message();

    String code() default InputErrorCodes.REQUIRED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reads the named components of the record. */
    class Validator implements ConstraintValidator<AnyRequired, Record> {
        private List<String> names;

        @Override
        public void initialize(AnyRequired annotation) {
            names = List.of(annotation.value());
        }

        @Override
        public boolean isValid(Record request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            for (RecordComponent component : request.getClass().getRecordComponents()) {
                if (names.contains(component.getName()) && value(component, request) != null) {
                    return true;
                }
            }
            return false;
        }

        private static Object value(RecordComponent component, Record request) {
            try {
                return component.getAccessor().invoke(request);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
    }
}
