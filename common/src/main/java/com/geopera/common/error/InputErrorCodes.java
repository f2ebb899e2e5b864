package com.geopera.common.error;

/** Stable codes of {@link ValidationProblem}s found in requests and process inputs. */
public final class InputErrorCodes {
    public static final String REQUIRED = "required";
    public static final String TYPE_MISMATCH = "type_mismatch";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String OUT_OF_RANGE = "out_of_range";
    public static final String NOT_ALLOWED_VALUE = "not_allowed_value";
    public static final String UNKNOWN_PROCESS = "unknown_process";
    public static final String UNKNOWN_WORKSPACE = "unknown_workspace";
    public static final String UNKNOWN_PROJECT = "unknown_project";
    public static final String URI_SCHEME_NOT_ALLOWED = "uri_scheme_not_allowed";
    public static final String PATH_OUTSIDE_INPUT_ROOTS = "path_outside_input_roots";
    public static final String HOST_NOT_ALLOWED = "host_not_allowed";
    public static final String INPUT_NOT_FOUND = "input_not_found";
    public static final String NOT_A_RASTER = "not_a_raster";
    /** An input that exists but could not be read (remote errors, redirects, unreadable content); no detail given. */
    public static final String INPUT_UNREADABLE = "input_unreadable";
    public static final String BAND_OUT_OF_RANGE = "band_out_of_range";
    public static final String INVALID_GEOMETRY = "invalid_geometry";
    public static final String AOI_OUTSIDE_FOOTPRINT = "aoi_outside_footprint";
    public static final String UNKNOWN_CRS = "unknown_crs";
    /** A registered output's file lies outside {@code <storage root>/<org>/<job>/<attempt>/} of that very job. */
    public static final String OUTPUT_OUTSIDE_JOB_PREFIX = "output_outside_job_prefix";
    /** A registered output's file does not exist (or is not a regular file). */
    public static final String OUTPUT_NOT_FOUND = "output_not_found";
    /** A registered output href is neither a file of the job nor an external {@code https://} reference. */
    public static final String OUTPUT_HREF_NOT_ALLOWED = "output_href_not_allowed";
    /** A string (value or member name) holding NUL, bytes that are not UTF-8, or a lone UTF-16 surrogate. */
    public static final String INVALID_CHARACTERS = "invalid_characters";

    private InputErrorCodes() {
    }
}
