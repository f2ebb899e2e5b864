/**
 * The worker's domain types: a running attempt ({@code RunningJob}), why a job stops, what became of a dispatch,
 * and where job events go.
 */
package com.geopera.worker;
