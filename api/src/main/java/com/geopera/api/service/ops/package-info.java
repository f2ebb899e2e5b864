/**
 * The operators' side (docs/OPERATIONS-GUIDE.md): views of queues, workers and stuck jobs, the actions operators take
 * (pause and resume a queue, retry or cancel a job, replay or discard a parked record), their audit, and the cached
 * snapshot behind the platform gauges on {@code /q/metrics}.
 */
package com.geopera.api.service.ops;
