package com.geopera.api.mapping;

import com.geopera.api.ApiProblem;
import com.geopera.common.error.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A request record and every problem found so far in its body: binding and constraint problems first, then those of
 * the rules that need more than the body (page sizes from the configuration, cursors, the process catalog), so that
 * one 422 lists them all. A field with a problem is null in the record.
 */
public final class Bound<T> {
    private final T value;
    private final List<ValidationProblem> problems;

    Bound(T value, List<ValidationProblem> problems) {
        this.value = value;
        this.problems = new ArrayList<>(problems);
    }

    public T value() {
        return value;
    }

    public List<ValidationProblem> problems() {
        return problems;
    }

    /** Records a problem at {@code /field} (fields may already contain slashes for nested pointers). */
    public void problem(String code, String field, String message) {
        problems.add(new ValidationProblem(code, field.isEmpty() || field.startsWith("/") ? field : "/" + field,
                message));
    }

    /** Whether a problem points at {@code pointer} already (so a field is refused once). */
    public boolean hasProblemAt(String pointer) {
        return problems.stream().anyMatch(p -> p.pointer().equals(pointer));
    }

    public void add(List<ValidationProblem> more) {
        problems.addAll(more);
    }

    /** Throws one 422 listing every problem found so far. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }

    /** The record, when its body had no problem. */
    public T orThrow() {
        throwIfInvalid();
        return value;
    }
}
