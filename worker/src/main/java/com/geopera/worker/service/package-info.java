/**
 * The worker's rules, wired with plain constructors: validating a dispatch, slots and owned partitions, launching
 * and executing attempts with retries, progress throttling, heartbeats and the job time limit, output storage, job
 * events and metrics.
 */
package com.geopera.worker.service;
