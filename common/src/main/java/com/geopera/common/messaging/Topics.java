package com.geopera.common.messaging;

/**
 * The one place Kafka topic names are made. A prefix (default {@code geopera}) lets test runs and
 * environments share a broker without seeing each other's records.
 */
public record Topics(String prefix) {
    public static final String DEFAULT_PREFIX = "geopera";
    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    public Topics {
        if (prefix == null || prefix.isBlank() || !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("invalid topic prefix: " + prefix);
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Commands for one worker queue: {@code <prefix>.jobs.dispatch.<queue>}. */
    public String dispatch(String queue) {
        return prefix + ".jobs.dispatch." + queue;
    }

    /** Events from workers: started, progress, heartbeat, completed, failed, cancelled. */
    public String events() {
        return prefix + ".jobs.events";
    }

    /** Control signals to workers (cancellation). */
    public String control() {
        return prefix + ".jobs.control";
    }

    /** Each worker process's own heartbeat (queues, slots, running attempts, partitions), keyed by worker id. */
    public String workerHeartbeats() {
        return prefix + ".workers.heartbeats";
    }

    /** The queue whose dispatch topic this is, or null for any other topic. */
    public String queueOf(String topic) {
        String dispatchPrefix = prefix + ".jobs.dispatch.";
        return topic.startsWith(dispatchPrefix) && !topic.endsWith(DEAD_LETTER_SUFFIX)
                ? topic.substring(dispatchPrefix.length()) : null;
    }

    /** Where records that cannot be processed go, with the reason in headers. */
    public String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
