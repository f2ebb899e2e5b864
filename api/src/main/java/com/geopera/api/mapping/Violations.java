package com.geopera.api.mapping;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.engine.HibernateConstraintViolation;

/**
 * Bean Validation's violations as the api's field problems: a stable code (the constraint's own {@code code}
 * attribute, else one per kind of standard constraint), the JSON pointer of the field and a message naming it.
 */
public final class Violations {
    private static final Set<Class<? extends Annotation>> MISSING = Set.of(NotNull.class, NotBlank.class,
            NotEmpty.class);
    private static final Set<Class<? extends Annotation>> RANGES = Set.of(Min.class, Max.class, Positive.class,
            PositiveOrZero.class, Negative.class, NegativeOrZero.class, DecimalMin.class, DecimalMax.class, Size.class);

    private Violations() {
    }

    /**
     * One problem. {@code pointers} maps property paths of the bound record to the pointers of the spellings the
     * client used; a path without one (a method parameter) points at its last name.
     */
    public static ValidationProblem problem(ConstraintViolation<?> violation, Map<String, String> pointers) {
        Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
        String path = violation.getPropertyPath().toString();
        String pointer = attributes.get("pointer") instanceof String fixed && !fixed.isEmpty() ? fixed
                : pointers.getOrDefault(path, "/" + lastName(violation.getPropertyPath()));
        HibernateConstraintViolation<?> hibernate = violation.unwrap(HibernateConstraintViolation.class);
        String index = hibernate.getDynamicPayload(String.class);
        if (index != null) {
            pointer = pointer + "/" + index;
        }
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        String message = violation.getMessage();
        return new ValidationProblem(code(violation), pointer,
                field.isEmpty() || message.startsWith(field) || attributes.containsKey("pointer") ? message
                        : field + " " + message);
    }

    private static String code(ConstraintViolation<?> violation) {
        Object own = violation.getConstraintDescriptor().getAttributes().get("code");
        if (own instanceof String code) {
            return code;
        }
        Class<? extends Annotation> kind = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (MISSING.contains(kind)) {
            return InputErrorCodes.REQUIRED;
        }
        return RANGES.contains(kind) ? InputErrorCodes.OUT_OF_RANGE : InputErrorCodes.NOT_ALLOWED_VALUE;
    }

    private static String lastName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }
}
