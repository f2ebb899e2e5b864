/**
 * The worker's domain types: a dispatch taken and not yet let go ({@code HeldDispatch}), a running attempt
 * ({@code RunningJob}), why a job stops, what became of a dispatch, and where job events go.
 */
package com.geopera.worker;
