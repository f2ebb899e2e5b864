/**
 * Prefixed ULID ids ({@code org_…}, {@code job_…}, {@code key_…}).
 */
package com.geopera.common.id;
