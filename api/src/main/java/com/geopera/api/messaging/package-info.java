/**
 * The api's Kafka side: the outbox relay that publishes what the services wrote to the outbox, the consumers of
 * worker events and worker heartbeats (which call into {@code service}), topic creation at start, and reads of topic
 * and share-group offsets. {@code service} never calls in here: it fires {@code OutboxWritten} and reads
 * {@code ConsumedOffsets}.
 */
package com.geopera.api.messaging;
