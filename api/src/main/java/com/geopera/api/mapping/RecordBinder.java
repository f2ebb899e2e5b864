package com.geopera.api.mapping;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds a JSON object to a request record component by component, so that every field of the wrong JSON type is a
 * problem of its own (Jackson's data binding stops at the first one). Names come from {@code @JsonProperty}, other
 * accepted spellings from {@code @JsonAlias}; a problem points at the spelling the client used. Besides JSON's own
 * types it takes what clients have always been allowed to send: an integer as a string of digits, and a list of
 * strings as one comma-separated string.
 */
final class RecordBinder {
    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,9}");

    private final List<ValidationProblem> problems = new ArrayList<>();
    /** Java property path (as Bean Validation writes it, e.g. {@code usage.credits}) → JSON pointer. */
    private final Map<String, String> pointers;

    RecordBinder(Map<String, String> pointers) {
        this.pointers = pointers;
    }

    List<ValidationProblem> problems() {
        return problems;
    }

    /**
     * What binding needs of a record type, read by reflection once per type (the components, their JSON names and
     * aliases, the canonical constructor) instead of on every request.
     */
    private record Shape(Component[] components, Constructor<?> canonical) {
        private static final ClassValue<Shape> OF = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> type) {
                RecordComponent[] components = type.getRecordComponents();
                if (components == null) {
                    throw new IllegalArgumentException(type + " is not a record");
                }
                Component[] shaped = new Component[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    shaped[i] = Component.of(components[i]);
                    types[i] = components[i].getType();
                }
                try {
                    Constructor<?> canonical = type.getDeclaredConstructor(types);
                    canonical.setAccessible(true);
                    return new Shape(shaped, canonical);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("no canonical constructor of " + type.getSimpleName(), e);
                }
            }
        };
    }

    /** One record component: its Java name, JSON name, other accepted spellings and type. */
    private record Component(String name, String jsonName, List<String> aliases, Type type) {
        static Component of(RecordComponent component) {
            // Jackson's annotations do not target record components: Java keeps them on the component's field.
            Field field = field(component);
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            String json = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            JsonAlias alias = field.getAnnotation(JsonAlias.class);
            return new Component(component.getName(), json, alias == null ? List.of() : List.of(alias.value()),
                    component.getGenericType());
        }

        /** The name the body uses: its JSON name, else the first alias given a value, else its JSON name. */
        String spelling(ObjectNode node) {
            if (!node.hasNonNull(jsonName)) {
                for (String other : aliases) {
                    if (node.hasNonNull(other)) {
                        return other;
                    }
                }
            }
            return jsonName;
        }
    }

    <T> T bind(ObjectNode node, Class<T> type, String pointer, String path) {
        Shape shape = Shape.OF.get(type);
        Component[] components = shape.components();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Component component = components[i];
            String used = component.spelling(node);
            String child = pointer + "/" + used.replace("~", "~0").replace("/", "~1");
            pointers.put(path + component.name(), child);
            JsonNode value = node.get(used);
            if (value != null && !value.isNull()) {
                values[i] = convert(value, component.type(), used, child, path + component.name() + ".");
            }
        }
        try {
            return type.cast(shape.canonical().newInstance(values));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName(), e);
        }
    }

    private static Field field(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record component without its field: " + component, e);
        }
    }

    private Object convert(JsonNode value, Type type, String name, String pointer, String path) {
        if (type == String.class) {
            return value.isTextual() ? value.textValue() : mismatch(pointer, name + " must be a string");
        }
        if (type == Integer.class) {
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
                return Integer.parseInt(value.textValue());
            }
            return mismatch(pointer, name + " must be an integer");
        }
        if (type == Long.class) {
            return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
                    : mismatch(pointer, name + " must be an integer");
        }
        if (type == ObjectNode.class) {
            return value.isObject() ? value : mismatch(pointer, name + " must be an object");
        }
        if (type == JsonNode.class) {
            return value;
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == String.class) {
            return strings(value, name, pointer);
        }
        if (type instanceof Class<?> nested && nested.isRecord()) {
            return value.isObject() ? bind((ObjectNode) value, nested, pointer, path)
                    : mismatch(pointer, name + " must be an object");
        }
        throw new IllegalStateException("no binding for " + type + " (" + pointer + ")");
    }

    /** A JSON array of strings, or one string of comma-separated values. */
    private List<String> strings(JsonNode value, String name, String pointer) {
        List<String> values = new ArrayList<>();
        if (value.isTextual()) {
            for (String part : value.textValue().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
            return values;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isTextual()) {
                    values.add(value.get(i).textValue());
                } else {
                    mismatch(pointer + "/" + i, name + " must list strings");
                }
            }
            return values;
        }
        return mismatch(pointer, name + " must be a string or an array of strings");
    }

    private <V> V mismatch(String pointer, String message) {
        problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, pointer, message));
        return null;
    }
}
