/**
 * The api's typed configuration ({@code ApiConfig}, {@code @ConfigMapping(prefix = "geopera")}) and its CDI
 * producers: the clock, the ledger, the imagery engine, the tile renderer, topic names and the public URL links are
 * built from.
 */
package com.geopera.api.config;
