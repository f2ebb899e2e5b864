package com.geopera.api.contract;

/** The optional parts of a job list page, asked for with {@code include}. */
public final class ListInclude {
    /** Each job's inputs, which may be up to the inputs cap each (so pages with them are smaller). */
    public static final String INPUTS = "inputs";
    /** The number of every matching job, which costs a count of every match on each page. */
    public static final String TOTAL = "total";
    static final String DESCRIPTION = "\"inputs\" to list each job's inputs (smaller pages), \"total\" to count every "
            + "matching job; an array or a comma-separated string";

    private ListInclude() {
    }
}
