/**
 * The worker's typed configuration and the values derived from it (worker id, the dispatch consumer's topics).
 */
package com.geopera.worker.config;
