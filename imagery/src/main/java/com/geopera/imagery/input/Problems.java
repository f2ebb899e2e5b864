package com.geopera.imagery.input;

import com.geopera.common.error.ValidationProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects every validation problem of one request, so that all of them are reported at once. */
public final class Problems {
    /** Prefix of the JSON pointer of every process input. */
    public static final String INPUTS = "/inputs";

    private final List<ValidationProblem> list = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    /** The pointer of one named input, e.g. {@code /inputs/aoi}. */
    public static String pointer(String inputName) {
        return INPUTS + "/" + inputName;
    }

    public void add(String code, String pointer, String message) {
        list.add(new ValidationProblem(code, pointer, message));
    }

    /**
     * A problem whose cause ({@code detail}: GDAL's or the network's own words) is kept for the log only: it can name
     * paths, hosts and ports, and whether they answer.
     */
    public void add(String code, String pointer, String message, String detail) {
        add(code, pointer, message);
        if (detail != null) {
            details.add(pointer + ": " + detail);
        }
    }

    /** The causes behind the problems, for the log; never for the caller. */
    public List<String> details() {
        return List.copyOf(details);
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
