package com.geopera.imagery.input;

import com.geopera.common.error.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects every validation problem of one request, so that all of them are reported at once. */
public final class Problems {
    /** Prefix of the JSON pointer of every process input. */
    public static final String INPUTS = "/inputs";

    private final List<ValidationProblem> list = new ArrayList<>();

    /** The pointer of one named input, e.g. {@code /inputs/aoi}. */
    public static String pointer(String inputName) {
        return INPUTS + "/" + inputName;
    }

    public void add(String code, String pointer, String message) {
        list.add(new ValidationProblem(code, pointer, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public List<ValidationProblem> list() {
        return List.copyOf(list);
    }
}
