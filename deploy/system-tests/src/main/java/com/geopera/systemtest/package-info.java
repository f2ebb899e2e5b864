/**
 * The whole system on this machine for tests: the packaged api and workers as child processes against the test
 * Kafka and PostgreSQL, a client of its operations, browser scripts and other languages' suites run against it, and
 * the test imagery.
 */
package com.geopera.systemtest;
