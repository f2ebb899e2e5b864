package com.geopera.imagery.process;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.common.process.OutputDescription;
import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.input.InputSpec;
import java.util.List;
import java.util.Map;

/** Builds the OGC API – Processes description shared by every imagery process (one COG output, async only). */
public final class Descriptions {
    public static final String VERSION = "1.0.0";
    public static final String OUTPUT_NAME = "result";
    public static final String COG_MEDIA_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";

    private Descriptions() {
    }

    /** The job type is the process id; the queue is the category. */
    public static ProcessDescription of(String id, String title, String description, List<String> keywords,
                                        String category, InputSpec inputs, String outputDescription) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode()
                .put("type", "string").put("format", "uri").put("contentMediaType", COG_MEDIA_TYPE);
        return new ProcessDescription(id, VERSION, title, description, keywords,
                List.of("async-execute", "dismiss"), List.of("reference"), inputs.descriptions(),
                Map.of(OUTPUT_NAME, new OutputDescription("Result", outputDescription, schema)),
                id, category, category);
    }
}
