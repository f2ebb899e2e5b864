package com.geopera.imagery;

import com.geopera.common.error.ValidationProblem;
import java.util.List;

/** The inputs of an estimate were invalid; carries every problem found. */
public class InvalidInputsException extends RuntimeException {
    private final List<ValidationProblem> problems;

    public InvalidInputsException(List<ValidationProblem> problems) {
        super(problems.size() + " invalid input(s): " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() {
        return problems;
    }
}
