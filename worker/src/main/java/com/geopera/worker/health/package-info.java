/**
 * Readiness: the output storage root exists (or can be created) and is writable.
 */
package com.geopera.worker.health;
