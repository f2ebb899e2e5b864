package com.geopera.api.contract;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of operations without fields (processing.catalog.list, auth.logout): an empty object, or none. */
@Schema(name = "EmptyInput", description = "No fields; an empty object or no body at all")
public record EmptyInput() {
}
