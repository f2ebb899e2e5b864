/**
 * How answers are printed: human tables and sections, JSON and NDJSON, with the views (columns and formats) per
 * kind of answer.
 */
package com.geopera.cli.output;
