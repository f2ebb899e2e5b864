package com.geopera.common.messaging;

/** CloudEvents 1.0 Kafka binary-mode header names and the event types this system sends. */
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
}
