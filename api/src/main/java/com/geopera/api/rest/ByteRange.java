package com.geopera.api.rest;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Range} header read against a file size, as RFC 9110 §14 allows a server to: another unit or several
 * ranges are ignored (the whole file, 200); one satisfiable range is served (206); an unsatisfiable or malformed byte
 * range is 416. Positions of any length are read without overflow: beyond the file is beyond the file.
 */
public sealed interface ByteRange {
    /** Serve the whole file. */
    record Whole() implements ByteRange {
    }

    /** Serve bytes {@code first..last}, both included. */
    record Part(long first, long last) implements ByteRange {
        public long length() {
            return last - first + 1;
        }
    }

    /** Answer 416 with the reason. */
    record Unsatisfiable(String reason) implements ByteRange {
    }

    Pattern SPEC = Pattern.compile("\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    static ByteRange of(String header, long sizeBytes) {
        if (header == null || header.isBlank()) {
            return new Whole();
        }
        String value = header.trim();
        int equals = value.indexOf('=');
        if (equals < 0) {
            return new Unsatisfiable("a Range is bytes=first-last, bytes=first- or bytes=-suffix");
        }
        if (!value.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String specs = value.substring(equals + 1);
        if (specs.indexOf(',') >= 0) {
            // Several ranges would need a multipart answer; RFC 9110 lets a server send the whole file instead.
            return new Whole();
        }
        Matcher m = SPEC.matcher(specs);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Unsatisfiable("a Range is bytes=first-last, bytes=first- or bytes=-suffix");
        }
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            if (suffix == 0 || sizeBytes == 0) {
                return new Unsatisfiable("the file has " + sizeBytes + " bytes");
            }
            return new Part(Math.max(0, sizeBytes - suffix), sizeBytes - 1);
        }
        long first = position(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : position(m.group(2));
        if (last < first) {
            return new Unsatisfiable("the range ends before it starts");
        }
        if (first >= sizeBytes) {
            return new Unsatisfiable("the file has " + sizeBytes + " bytes");
        }
        return new Part(first, Math.min(last, sizeBytes - 1));
    }

    /** A position of any number of digits; past {@link Long#MAX_VALUE} it is that, which no file reaches. */
    private static long position(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        String significant = digits.substring(start);
        return significant.length() > 18 ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
