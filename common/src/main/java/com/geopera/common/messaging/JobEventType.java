package com.geopera.common.messaging;

/** What a worker reports about a job attempt. */
public enum JobEventType {
    STARTED, PROGRESS, HEARTBEAT, COMPLETED, FAILED, CANCELLED
}
