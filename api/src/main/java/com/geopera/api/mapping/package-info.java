/**
 * Between HTTP and the services: reading request bodies into the {@code contract} records and validating them,
 * writing jobs as JSON (streamed listings included), list queries and their signed cursors, and the maps services
 * answer turned into contract records.
 */
package com.geopera.api.mapping;
