/**
 * Benchmarks of the running system (end to end, event apply, cost, fairness) and what they measure with: latency
 * percentiles, CPU and RSS samplers, flight recordings, Kafka round trips.
 */
package com.geopera.systemtest.bench;
