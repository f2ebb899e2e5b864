/**
 * JDBC helpers the modules with a database share: instants to and from {@code timestamptz}.
 */
package com.geopera.common.jdbc;
