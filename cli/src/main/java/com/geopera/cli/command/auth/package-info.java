/**
 * {@code geopera auth login|logout}: opens a session with an API key and keeps its token in the profile, or
 * closes it.
 */
package com.geopera.cli.command.auth;
