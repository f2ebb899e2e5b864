/**
 * {@code geopera processing …} and its shortcuts: the catalog (list, get, validate, estimate), job types, jobs (create,
 * dispatch, execute, get, list, delete, register, tiles, preview) and project jobs: one command per api operation.
 */
package com.geopera.cli.command.processing;
