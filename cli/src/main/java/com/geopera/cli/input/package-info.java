/**
 * Builds a process's {@code inputs} from {@code --inputs-file} and repeated {@code --input name=value}.
 */
package com.geopera.cli.input;
