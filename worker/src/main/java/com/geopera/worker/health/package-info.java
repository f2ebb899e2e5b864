/**
 * Readiness: the output storage root exists (or can be created) and is writable. Liveness: the dispatch consumer's
 * thread runs.
 */
package com.geopera.worker.health;
