package com.geopera.api.messaging;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.InvalidRecordException;

/**
 * Tells a failure of one outbox record apart from a failure of the broker. Only errors about the record itself
 * count: sending it again can never succeed, whatever the broker's health, so the relay parks it at once. Anything
 * else (timeouts, lost connections, leader changes, authorization) may be the broker's or the network's and is
 * retried.
 */
public final class SendFailures {
    private SendFailures() {
    }

    /** Whether the record itself is unsendable (too large, malformed, addressed to an invalid topic name). */
    public static boolean recordAtFault(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException || cause instanceof SerializationException
                || cause instanceof InvalidTopicException;
    }

    /** The failure as kept in {@code outbox.last_error}: its class and message. */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
