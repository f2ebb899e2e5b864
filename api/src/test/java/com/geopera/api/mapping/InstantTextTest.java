package com.geopera.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InstantText} writes exactly what {@link Instant#toString()} does, for every precision and offset. */
class InstantTextTest {

    @Test
    void every_instant_reads_as_instant_to_string_whatever_its_precision_offset_or_year() {
        Random random = new Random(19);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoSteps = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int step = nanoSteps[i % nanoSteps.length];
            int nanos = step == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / step) * step;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(26 * 4) - 13 * 4) * 900);
            assertThat(InstantText.of(instant.atOffset(offset))).as(instant + " at " + offset)
                    .isEqualTo(instant.toString());
        }
    }

    @Test
    void the_edges_of_each_field_and_years_outside_four_digits_fall_back_to_instant_to_string() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "2026-12-31T23:59:59.999999999Z",
                "2024-02-29T12:00:00.100Z", "2026-01-01T00:00:00.000100Z", "2026-01-01T00:00:00.000000001Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z", "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(InstantText.of(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))).isEqualTo(instant.toString());
        }
        char[] buffer = new char[InstantText.MAX_CHARS];
        assertThat(InstantText.write(OffsetDateTime.parse("+10000-01-01T00:00:00Z"), buffer)).isEqualTo(-1);
        assertThat(InstantText.write(OffsetDateTime.parse("2026-12-31T23:59:59.123456789Z"), buffer))
                .isEqualTo(InstantText.MAX_CHARS);
    }
}
