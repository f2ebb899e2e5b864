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
    public static final String BAND_OUT_OF_RANGE = "band_out_of_range";
    public static final String INVALID_GEOMETRY = "invalid_geometry";
    public static final String AOI_OUTSIDE_FOOTPRINT = "aoi_outside_footprint";
    public static final String UNKNOWN_CRS = "unknown_crs";
    /** A string (value or member name) holding NUL, bytes that are not UTF-8, or a lone UTF-16 surrogate. */
    public static final String INVALID_CHARACTERS = "invalid_characters";

    private InputErrorCodes() {
    }
}
