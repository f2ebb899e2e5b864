package com.geopera.cli.output;

/** One field of a human view: its label, a JSON pointer into the item, and how to format the value. */
public record Column(String label, String pointer, FieldFormat format) {
    public static Column text(String label, String pointer) {
        return new Column(label, pointer, FieldFormat.TEXT);
    }

    public static Column of(String label, String pointer, FieldFormat format) {
        return new Column(label, pointer, format);
    }
}
