/**
 * Bean Validation constraints of request records beyond the standard ones: identifiers, scopes, job statuses, closed
 * value lists, "one of these fields". Each carries the {@code code} its problem is reported with.
 */
package com.geopera.api.contract.constraints;
