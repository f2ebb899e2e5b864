/**
 * {@code geopera ops …}: the operators' views (health, queues, workers, stuck jobs, audit, metrics, with a watch
 * mode) and queue pause and resume, called with an operator key.
 */
package com.geopera.cli.command.ops;
