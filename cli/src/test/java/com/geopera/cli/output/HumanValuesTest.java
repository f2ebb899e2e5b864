package com.geopera.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.geopera.cli.CliJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HumanValuesTest {
    private final HumanValues values =
            new HumanValues(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void times_are_shown_in_utc_with_how_long_ago() {
        assertThat(values.time("2026-11-25T11:57:30.123Z")).isEqualTo("2026-11-25 11:57:30 UTC (2m 29s ago)");
        assertThat(values.time("2026-11-25T14:00:00Z")).isEqualTo("2026-11-25 14:00:00 UTC (in 2h 0m)");
        assertThat(values.time("yesterday")).isEqualTo("yesterday");
    }

    @Test
    void credits_get_thousands_separators_and_a_unit() {
        assertThat(HumanValues.credits(1)).isEqualTo("1 credit");
        assertThat(HumanValues.credits(12_345)).isEqualTo("12,345 credits");
        assertThat(HumanValues.credits(0)).isEqualTo("0 credits");
    }

    @Test
    void byte_counts_use_binary_units() {
        assertThat(HumanValues.bytes(512)).isEqualTo("512 B");
        assertThat(HumanValues.bytes(1_536)).isEqualTo("1.5 KiB");
        assertThat(HumanValues.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }

    @Test
    void durations_read_as_people_say_them() {
        assertThat(HumanValues.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(HumanValues.duration(Duration.ofSeconds(185))).isEqualTo("3m 5s");
        assertThat(HumanValues.duration(Duration.ofMinutes(130))).isEqualTo("2h 10m");
        assertThat(HumanValues.duration(Duration.ofHours(99))).isEqualTo("4d 3h");
    }

    @Test
    void ages_in_seconds_read_as_durations_and_under_a_second_in_milliseconds() throws Exception {
        assertThat(HumanValues.seconds(0)).isEqualTo("0s");
        assertThat(HumanValues.seconds(0.85)).isEqualTo("850ms");
        assertThat(HumanValues.seconds(0.9996)).isEqualTo("999ms");
        assertThat(HumanValues.seconds(1.0)).isEqualTo("1s");
        assertThat(HumanValues.seconds(45.123456789)).isEqualTo("45s");
        assertThat(HumanValues.seconds(125.987654321)).isEqualTo("2m 5s");
        assertThat(HumanValues.seconds(7_384.5)).isEqualTo("2h 3m");
        assertThat(values.format(CliJson.mapper().readTree("45.214567891"), FieldFormat.SECONDS)).isEqualTo("45s");
        assertThat(values.format(NullNode.getInstance(), FieldFormat.SECONDS)).isEqualTo("-");
    }

    @Test
    void absent_values_are_a_dash_and_lists_are_joined() throws Exception {
        assertThat(values.format(null, FieldFormat.TEXT)).isEqualTo("-");
        assertThat(values.format(NullNode.getInstance(), FieldFormat.TIME)).isEqualTo("-");
        assertThat(values.format(IntNode.valueOf(45), FieldFormat.PERCENT)).isEqualTo("45%");
        assertThat(values.format(CliJson.mapper().readTree("[\"a\",\"b\"]"), FieldFormat.LIST)).isEqualTo("a, b");
        assertThat(values.format(CliJson.mapper().readTree("{\"a\":1}"), FieldFormat.TEXT)).isEqualTo("{\"a\":1}");
        assertThat(values.format(TextNode.valueOf("n/a"), FieldFormat.CREDITS)).isEqualTo("n/a");
    }
}
