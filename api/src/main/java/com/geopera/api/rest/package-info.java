/**
 * The HTTP edge: thin resources per area (spend, jobs, catalog, admin, auth, outputs, tiles, ops, the map page
 * and the operators' console), the filters every request passes (operation paths, authentication and scopes, body
 * limit, rate limit, CORS of tiles) and the one exception mapper that answers RFC 9457 problem+json.
 */
package com.geopera.api.rest;
