package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.process.ProcessDescription;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private final ImageryEngine engine = TestRasters.engine();

    @Test
    void every_process_is_described_with_its_job_type_category_and_queue() {
        Map<String, ProcessDescription> byId = engine.processes().stream()
                .collect(Collectors.toMap(ProcessDescription::id, d -> d));
        assertThat(byId).containsOnlyKeys("clip", "bathymetry", "ndvi", "reproject", "cog", "hillshade");
        Map<String, String> queues = Map.of("clip", "clip", "bathymetry", "bathy", "ndvi", "analysis",
                "reproject", "conversion", "cog", "conversion", "hillshade", "terrain");
        queues.forEach((id, queue) -> {
            ProcessDescription d = byId.get(id);
            assertThat(d.version()).isEqualTo("1.0.0");
            assertThat(d.jobType()).isEqualTo(id);
            assertThat(d.category()).isEqualTo(queue);
            assertThat(d.queue()).isEqualTo(queue);
            assertThat(d.jobControlOptions()).contains("async-execute");
            assertThat(d.outputs()).containsKey("result");
            assertThat(d.inputs()).containsKey("image");
            assertThat(d.inputs().get("image").schema().get("format").asText()).isEqualTo("uri");
            assertThat(d.inputs().get("image").minOccurs()).isEqualTo(1);
        });
    }

    @Test
    void input_schemas_carry_types_bounds_enums_and_defaults() {
        ProcessDescription hillshade = engine.process("hillshade").orElseThrow();
        assertThat(hillshade.inputs().get("azimuth").schema().get("maximum").asDouble()).isEqualTo(360);
        assertThat(hillshade.inputs().get("azimuth").schema().get("default").asDouble()).isEqualTo(315);
        assertThat(hillshade.inputs().get("azimuth").minOccurs()).isZero();
        ProcessDescription cog = engine.process("cog").orElseThrow();
        assertThat(cog.inputs().get("compression").schema().get("enum").toString()).contains("DEFLATE", "ZSTD");
        ProcessDescription clip = engine.process("clip").orElseThrow();
        assertThat(clip.inputs().get("aoi").schema().get("type").asText()).isEqualTo("object");
        assertThat(clip.inputs().get("resolution").schema().get("exclusiveMinimum").asDouble()).isZero();
    }

    @Test
    void an_unknown_process_is_absent() {
        assertThat(engine.process("nope")).isEmpty();
    }
}
