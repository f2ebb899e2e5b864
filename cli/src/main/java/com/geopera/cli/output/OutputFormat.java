package com.geopera.cli.output;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** The formats of {@code --output}: tables for people, JSON or one JSON document per line for scripts. */
public enum OutputFormat {
    HUMAN, JSON, NDJSON;

    /** The names as typed on the command line (lower case), for help and shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(format -> format.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
