package com.geopera.common.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 Kafka binary-mode header names, the event types this system sends, and the one builder of the
 * headers every record it sends carries ({@link #of}).
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    public static final String TYPE_DISPATCH = "com.geopera.job.dispatch.v1";
    public static final String TYPE_EVENT = "com.geopera.job.event.v1";
    public static final String TYPE_CONTROL = "com.geopera.job.control.v1";

    /** Header set on dead-lettered records: why the record could not be processed. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private CloudEventHeaders() {
    }

    /**
     * The headers of one JSON record, in the order they are added to it: spec version, id, type, source, time
     * (ISO-8601 in UTC) and content type, each UTF-8.
     */
    public static Map<String, byte[]> of(String id, String type, String source, Instant time) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, utf8(SPEC_VERSION_VALUE));
        headers.put(ID, utf8(id));
        headers.put(TYPE, utf8(type));
        headers.put(SOURCE, utf8(source));
        headers.put(TIME, utf8(time.toString()));
        headers.put(CONTENT_TYPE, utf8(JSON));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
