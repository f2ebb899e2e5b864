/**
 * The one backoff of the system: bounded exponential waits between tries.
 */
package com.geopera.common.retry;
