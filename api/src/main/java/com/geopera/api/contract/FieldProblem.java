package com.geopera.api.contract;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One problem of a request field (or of a process input), in a 422 problem's {@code errors}. */
@Schema(name = "FieldProblem", description = "One problem of one field")
public record FieldProblem(
        @Schema(required = true, description = "Stable code, e.g. required, type_mismatch, out_of_range, "
                + "not_allowed_value, invalid_characters, unknown_process, invalid_geometry") String code,
        @Schema(required = true, description = "JSON pointer (RFC 6901) of the field in the request, e.g. "
                + "/inputs/aoi") String pointer,
        @Schema(required = true, description = "For people") String message) {
}
