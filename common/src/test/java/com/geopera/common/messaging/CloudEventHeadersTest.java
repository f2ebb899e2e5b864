package com.geopera.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {
    @Test
    void a_record_carries_the_binary_mode_attributes_in_order_as_utf8_text() {
        Map<String, byte[]> headers = CloudEventHeaders.of("evt_1", CloudEventHeaders.TYPE_EVENT, "/geopera/worker/w-1",
                Instant.parse("2026-12-02T16:30:00.123Z"));

        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, value) -> text.put(name, new String(value, StandardCharsets.UTF_8)));
        assertThat(text).containsExactly(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", "evt_1"),
                Map.entry("ce_type", "com.geopera.job.event.v1"),
                Map.entry("ce_source", "/geopera/worker/w-1"),
                Map.entry("ce_time", "2026-12-02T16:30:00.123Z"),
                Map.entry("content-type", "application/json"));
    }
}
