/**
 * Following a job until it ends: polling its status and showing progress as a terminal bar or as plain lines.
 */
package com.geopera.cli.follow;
