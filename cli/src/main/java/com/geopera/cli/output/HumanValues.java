package com.geopera.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns JSON values into the short strings people read: times, credits, percentages, sizes. */
public final class HumanValues {
    public static final String ABSENT = "-";
    private static final DateTimeFormatter WALL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_MINUTE = 60;
    private static final double MILLIS_PER_SECOND = 1_000;
    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long BYTES_PER_KIB = 1_024;
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private final Clock clock;

    public HumanValues(Clock clock) {
        this.clock = clock;
    }

    public String format(JsonNode value, FieldFormat format) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return ABSENT;
        }
        return switch (format) {
            case TIME -> time(value.asText());
            case CREDITS -> value.canConvertToLong() ? credits(value.asLong()) : value.asText();
            case PERCENT -> value.isNumber() ? value.asInt() + "%" : value.asText();
            case BYTES -> value.canConvertToLong() ? bytes(value.asLong()) : value.asText();
            case LIST -> list(value);
            case SECONDS -> value.isNumber() ? seconds(value.asDouble()) : value.asText();
            case TEXT -> text(value);
        };
    }

    /** {@code 2026-11-25 17:24:59 UTC (3m ago)}; text that is no instant is shown as it is. */
    public String time(String isoInstant) {
        try {
            Instant instant = Instant.parse(isoInstant);
            return WALL_TIME.format(instant) + " (" + relative(instant) + ")";
        } catch (DateTimeParseException e) {
            return isoInstant;
        }
    }

    public static String credits(long amount) {
        return String.format(Locale.ROOT, "%,d", amount) + (amount == 1 ? " credit" : " credits");
    }

    public static String bytes(long count) {
        double size = count;
        int unit = 0;
        while (size >= BYTES_PER_KIB && unit < BYTE_UNITS.length - 1) {
            size /= BYTES_PER_KIB;
            unit++;
        }
        return unit == 0 ? count + " B" : String.format(Locale.ROOT, "%.1f %s", size, BYTE_UNITS[unit]);
    }

    /** A duration as people say it: {@code 42s}, {@code 3m 5s}, {@code 2h 10m}, {@code 4d 3h}. */
    public static String duration(Duration duration) {
        long seconds = Math.abs(duration.getSeconds());
        if (seconds < SECONDS_PER_MINUTE) {
            return seconds + "s";
        }
        if (seconds < SECONDS_PER_HOUR) {
            return seconds / SECONDS_PER_MINUTE + "m " + seconds % SECONDS_PER_MINUTE + "s";
        }
        if (seconds < SECONDS_PER_DAY) {
            return seconds / SECONDS_PER_HOUR + "h " + seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE + "m";
        }
        return seconds / SECONDS_PER_DAY + "d " + seconds % SECONDS_PER_DAY / SECONDS_PER_HOUR + "h";
    }

    /**
     * Seconds with a fraction (the api's ages) as people say them, rounded down: under a second in milliseconds
     * ({@code 850ms}), from a second on as {@link #duration} ({@code 42s}, {@code 2m 5s}); none is {@code 0s}.
     */
    public static String seconds(double seconds) {
        long millis = (long) Math.floor(Math.abs(seconds) * MILLIS_PER_SECOND);
        if (millis == 0) {
            return "0s";
        }
        return millis < MILLIS_PER_SECOND ? millis + "ms" : duration(Duration.ofMillis(millis));
    }

    private String relative(Instant instant) {
        Duration elapsed = Duration.between(instant, clock.instant());
        return elapsed.isNegative() ? "in " + duration(elapsed) : duration(elapsed) + " ago";
    }

    private static String list(JsonNode value) {
        if (!value.isArray()) {
            return text(value);
        }
        List<String> parts = new ArrayList<>();
        value.forEach(element -> parts.add(text(element)));
        return parts.isEmpty() ? ABSENT : String.join(", ", parts);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
