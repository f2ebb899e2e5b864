/**
 * The HTTP contract: one record per operation's request body ({@code …Input}) and per answer, with their Jackson
 * names, Bean Validation constraints and OpenAPI descriptions. {@code /q/openapi} (and {@code sdk/openapi.json}) is
 * generated from these types; {@code mapping.BodyReader} binds request bytes to them.
 */
package com.geopera.api.contract;
