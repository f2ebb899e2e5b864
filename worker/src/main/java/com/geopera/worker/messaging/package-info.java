/**
 * The worker's Kafka side: the dispatch share consumer (its own thread) with its dead-letter publisher and the
 * Admin operations on its share group, the control listener, and the publishers of job events and of the worker's
 * own heartbeat.
 */
package com.geopera.worker.messaging;
