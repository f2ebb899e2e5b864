/**
 * The {@code geopera} command line: its entry point, global options, the context every command runs in (resolved
 * configuration, HTTP client, renderer) and its JSON settings.
 */
package com.geopera.cli;
