package com.geopera.api.contract;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of processing.catalog.list. */
@Schema(name = "CatalogList", description = "The processes this api runs")
public record CatalogList(@Schema(required = true) List<CatalogProcess> processes) {
}
