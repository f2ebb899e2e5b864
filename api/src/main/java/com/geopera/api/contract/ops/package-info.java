/**
 * The contract of the operators' operations ({@code ops.*}, scopes {@code ops:read} / {@code ops:write}): request
 * bodies and answers as docs/OPERATIONS-GUIDE.md shows them.
 */
package com.geopera.api.contract.ops;
