/**
 * How the command line fails: its exception, the exit codes it documents, and the mapping from api problems and
 * network failures to them.
 */
package com.geopera.cli.error;
