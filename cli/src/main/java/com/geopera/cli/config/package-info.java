/**
 * Where the command line's settings come from and in which order: flags, environment, the profile file and the
 * local stack's {@code .geopera/local.env}, each value with its source.
 */
package com.geopera.cli.config;
