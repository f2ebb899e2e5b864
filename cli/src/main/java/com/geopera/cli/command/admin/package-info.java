/**
 * {@code geopera admin …}: organisations, workspaces, projects and their members, API keys and credits, called
 * with the admin key.
 */
package com.geopera.cli.command.admin;
