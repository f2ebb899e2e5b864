package com.geopera.api.contract;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), as every refusal is answered. The {@code code}
 * enumeration of the OpenAPI document is filled from {@code ErrorCode} (rest.OpenApiContract), so it cannot drift.
 * Some codes add members of their own beside these (see the schema's description).
 */
@Schema(name = "Problem", additionalProperties = Schema.True.class, description = "RFC 9457 problem details; "
        + "clients branch on code. Extra members by code: insufficient_credits → available, required (and job_id "
        + "for create_and_dispatch, whose job stays created); inputs_too_large → size_bytes, max_bytes; "
        + "range_not_satisfiable → size_bytes, content_range; output_external → external_href; "
        + "too_many_created_jobs → created_jobs, limit")
public record Problem(
        @Schema(required = true, examples = "https://docs.geopera.com/problems/validation_failed") String type,
        @Schema(required = true) String title,
        @Schema(required = true, description = "The HTTP status") int status,
        @Schema(description = "For people") String detail,
        @Schema(required = true, description = "Stable code") String code,
        @Schema(description = "validation_failed: every problem of the request at once") List<FieldProblem> errors) {
}
