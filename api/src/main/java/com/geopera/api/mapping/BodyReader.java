package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.config.ApiConfig;
import com.geopera.common.error.ValidationProblem;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an operation's body into its request record: {@link JsonBody} (400, 413, unstorable text), then
 * {@link RecordBinder} (JSON types), then Hibernate Validator (the record's constraints), every problem of the last
 * two together, in the order of the record's fields.
 */
@Singleton
public class BodyReader {
    private final Validator validator;
    private final int maxBodyBytes;

    @Inject
    public BodyReader(Validator validator, ApiConfig config) {
        this(validator, config.jobs().maxBodyBytes());
    }

    public BodyReader(Validator validator, int maxBodyBytes) {
        this.validator = validator;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The record and its problems, for operations that add problems of their own before refusing. */
    public <T> Bound<T> read(byte[] bytes, Class<T> type) {
        return bind(JsonBody.parse(bytes, maxBodyBytes), type);
    }

    /** The record, or a 422 listing every problem of the body. */
    public <T> T require(byte[] bytes, Class<T> type) {
        return read(bytes, type).orThrow();
    }

    <T> Bound<T> bind(ObjectNode root, Class<T> type) {
        Map<String, String> pointers = new LinkedHashMap<>();
        RecordBinder binder = new RecordBinder(pointers);
        T value = binder.bind(root, type, "", "");
        List<String> order = new ArrayList<>(pointers.values());
        List<ValidationProblem> problems = new ArrayList<>(binder.problems());
        for (ConstraintViolation<T> violation : validator.validate(value)) {
            ValidationProblem problem = Violations.problem(violation, pointers);
            // A field of the wrong type is null in the record: its type problem says it all.
            if (problems.stream().noneMatch(p -> p.pointer().equals(problem.pointer()))) {
                problems.add(problem);
            }
        }
        // Bean Validation reports in no set order; list elements by index after their list's position.
        problems.sort(Comparator.<ValidationProblem>comparingInt(p -> position(order, p.pointer()))
                .thenComparingInt(p -> p.pointer().length()).thenComparing(ValidationProblem::pointer));
        return new Bound<>(value, problems);
    }

    /** Where a pointer's field comes in the record (its own, or its parent's for list elements); unknown last. */
    private static int position(List<String> order, String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            int at = order.indexOf(p);
            if (at >= 0) {
                return at;
            }
        }
        return order.size();
    }
}
