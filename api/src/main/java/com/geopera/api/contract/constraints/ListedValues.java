package com.geopera.api.contract.constraints;

import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.function.Predicate;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Reports each refused element of a list on its own, with its index as the pointer suffix (dynamic payload). */
final class ListedValues {
    private ListedValues() {
    }

    /** True when every element is accepted; otherwise one violation per refused element. */
    static boolean check(List<String> values, Predicate<String> accepted, boolean withIndex, String message,
            ConstraintValidatorContext context) {
        if (values == null) {
            return true;
        }
        boolean valid = true;
        context.disableDefaultConstraintViolation();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && !accepted.test(value)) {
                valid = false;
                HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
                hibernate.addMessageParameter("given", value);
                if (withIndex) {
                    hibernate.withDynamicPayload(Integer.toString(i));
                }
                hibernate.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            }
        }
        return valid;
    }
}
