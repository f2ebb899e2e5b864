package com.geopera.cli.output;

/** How a field's value is shown to people. */
public enum FieldFormat {
    /** As is; objects and arrays as compact JSON. */
    TEXT,
    /** An ISO-8601 instant as UTC date and time plus how long ago. */
    TIME,
    /** An integer amount of credits with thousands separators. */
    CREDITS,
    /** A 0–100 progress value. */
    PERCENT,
    /** A byte count in B, KiB, MiB, GiB. */
    BYTES,
    /** An array of scalars joined by commas. */
    LIST,
    /** A number of seconds (an age or a wait) as people say it: {@code 850ms}, {@code 42s}, {@code 2m 5s}. */
    SECONDS
}
