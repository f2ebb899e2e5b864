/**
 * The one HTTP client of the command line: calls of {@code /v1/op/<operation>}, NDJSON streams, retries of what is
 * safe to repeat, and problem documents read into exceptions.
 */
package com.geopera.cli.http;
