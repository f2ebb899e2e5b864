/**
 * The worker's Kafka side: the dispatch and control listeners, the rebalance listener of dispatch partitions, and
 * the publishers of job events and of the worker's own heartbeat.
 */
package com.geopera.worker.messaging;
