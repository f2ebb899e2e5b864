package com.geopera.common.process;

import java.util.Map;

/** Credits a run actually used, and the quantities they were computed from (area, pixels, bands …). */
public record Usage(long credits, Map<String, Object> basis) {
}
