/**
 * The stable codes of problem documents and of input validation, and one field problem (code, JSON pointer,
 * message).
 */
package com.geopera.common.error;
