/**
 * The scopes an API key or session may hold.
 */
package com.geopera.common.auth;
