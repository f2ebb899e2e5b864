/**
 * Benchmarks of the running system (end to end, event apply, cost, fairness) and what they measure with: latency
 * percentiles, CPU and RSS samplers, flight recordings, Kafka round trips, and the GDAL-only limit the end-to-end
 * jobs/s is compared with.
 */
package com.geopera.systemtest.bench;
