/**
 * The job status machine (every legal transition), failure codes and billing statuses: what the api, the worker
 * and the ledger agree on about a job.
 */
package com.geopera.common.job;
