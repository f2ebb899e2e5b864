package com.geopera.api.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in the text the JSON answers carry ({@link Instant#toString()}, which is what Jackson writes for an
 * {@code Instant}: {@code 2026-12-02T12:35:17.123450Z}, the fraction in groups of three digits, none when zero),
 * written into a char buffer from the date-time fields. {@code Instant.toString} goes through
 * {@code DateTimeFormatter}'s generic printer, which a JFR profile of a streamed listing showed among the hottest
 * frames (four timestamps per job); this writes the same characters without it.
 */
public final class InstantText {
    /** Characters of the longest text this writes: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    public static final int MAX_CHARS = 30;

    private InstantText() {
    }

    /**
     * Writes {@code time} (any offset; written as the same instant in UTC) into {@code into} from index 0 and
     * returns the number of chars, or -1 for a year outside 0000–9999 (the caller falls back to
     * {@code Instant.toString}, whose form for those years has a sign or more digits).
     */
    public static int write(OffsetDateTime time, char[] into) {
        OffsetDateTime utc = time.getOffset().equals(ZoneOffset.UTC) ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(into, 0, year, 4);
        into[4] = '-';
        digits(into, 5, utc.getMonthValue(), 2);
        into[7] = '-';
        digits(into, 8, utc.getDayOfMonth(), 2);
        into[10] = 'T';
        digits(into, 11, utc.getHour(), 2);
        into[13] = ':';
        digits(into, 14, utc.getMinute(), 2);
        into[16] = ':';
        digits(into, 17, utc.getSecond(), 2);
        int length = 19;
        int nano = utc.getNano();
        if (nano != 0) {
            into[length++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(into, length, nano / 1_000_000, 3);
                length += 3;
            } else if (nano % 1_000 == 0) {
                digits(into, length, nano / 1_000, 6);
                length += 6;
            } else {
                digits(into, length, nano, 9);
                length += 9;
            }
        }
        into[length++] = 'Z';
        return length;
    }

    /** {@link #write} as a String (tests, and callers that need one). */
    public static String of(OffsetDateTime time) {
        char[] buffer = new char[MAX_CHARS];
        int length = write(time, buffer);
        return length < 0 ? time.toInstant().toString() : new String(buffer, 0, length);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
