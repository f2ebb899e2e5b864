/**
 * The api's rules and the I/O around them: jobs (create, dispatch, lifecycle, worker events, reaper, expiry,
 * retention), idempotency, auth and administration, credits on the current transaction, the outbox writer, the
 * processes the engine offers, outputs and their files, tiles, and request rates.
 */
package com.geopera.api.service;
