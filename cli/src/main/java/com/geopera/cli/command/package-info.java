/**
 * The command tree's shared parts: the base command that calls one api operation, group commands, idempotency,
 * process-input and wait options, waiting for a job to end, list and view helpers; the commands themselves live in
 * the sub-packages per area.
 */
package com.geopera.cli.command;
