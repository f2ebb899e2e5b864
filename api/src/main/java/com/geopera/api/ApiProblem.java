package com.geopera.api;

import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.ValidationProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that becomes an RFC 9457 problem document: HTTP status, stable {@code code}, a detail for people,
 * every validation problem at once, and extra members (e.g. {@code available}/{@code required}).
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<ValidationProblem> errors;
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String code, String title, String detail, List<ValidationProblem> errors,
            Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public static ApiProblem of(ErrorCode code, String detail) {
        return new ApiProblem(code.httpStatus(), code.code(), code.title(), detail, null, null);
    }

    public static ApiProblem of(ErrorCode code, String detail, Map<String, Object> extensions) {
        return new ApiProblem(code.httpStatus(), code.code(), code.title(), detail, null, extensions);
    }

    /** 422 {@code validation_failed} listing every problem. */
    public static ApiProblem invalid(List<ValidationProblem> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " problems in the request";
        return new ApiProblem(ErrorCode.VALIDATION_FAILED.httpStatus(), ErrorCode.VALIDATION_FAILED.code(),
                ErrorCode.VALIDATION_FAILED.title(), detail, errors, null);
    }

    public static ApiProblem invalid(String code, String pointer, String message) {
        return invalid(List.of(new ValidationProblem(code, pointer, message)));
    }

    public static ApiProblem jobNotFound(String jobId) {
        return of(ErrorCode.JOB_NOT_FOUND, "no job " + jobId);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<ValidationProblem> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
