package com.geopera.cli.output;

import java.util.List;

/** A table inside an object's human view, e.g. a job's outputs: the array at {@code pointer}, in columns. */
public record Section(String title, String pointer, List<Column> columns) {
}
