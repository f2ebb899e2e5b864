package com.geopera.cli.output;

import java.util.List;

/**
 * What people see of an object or of each row of a list: the fields (key/value lines for an object, columns for a
 * list) and, for an object, tables of its nested arrays. An empty field list means "show every scalar field".
 */
public record View(String noun, List<Column> fields, List<Section> sections) {
    public static View generic(String noun) {
        return new View(noun, List.of(), List.of());
    }

    public static View of(String noun, List<Column> fields) {
        return new View(noun, fields, List.of());
    }

    public View withSections(List<Section> tables) {
        return new View(noun, fields, tables);
    }

    /** {@code 1 job}, {@code 3 jobs}, {@code 1 process}: the noun is plural, as in "No jobs.". */
    public String count(int items) {
        if (items != 1) {
            return items + " " + noun;
        }
        String singular = noun.endsWith("sses") ? noun.substring(0, noun.length() - 2)
                : noun.endsWith("s") ? noun.substring(0, noun.length() - 1) : noun;
        return items + " " + singular;
    }
}
