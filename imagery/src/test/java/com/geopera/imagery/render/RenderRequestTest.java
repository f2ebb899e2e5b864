package com.geopera.imagery.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.geopera.common.error.ValidationProblem;
import com.geopera.imagery.render.RenderParams.Range;
import com.geopera.imagery.render.RenderParams.Resampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Render parameters over an output's defaults: what each one changes, and every bad one reported at once. */
class RenderRequestTest {
    private static final List<BandInfo> SIX_BANDS = List.of(
            new BandInfo(1, "Byte", 50.0, 90.0, 47.0, 255.0), new BandInfo(2, "Byte", 30.0, 80.0, 27.0, 255.0),
            new BandInfo(3, "Byte", 20.0, 90.0, 14.0, 255.0), new BandInfo(4, "Byte", 10.0, 110.0, 1.0, 255.0),
            new BandInfo(5, "Byte", 5.0, 150.0, 1.0, 255.0), new BandInfo(6, "Byte", 2.0, 120.0, 1.0, 255.0));

    @Test
    void each_process_has_its_own_defaults() {
        List<BandInfo> one = List.of(new BandInfo(1, "Float32", 2.5, 17.0, 0.1, 30.0));
        RenderParams ndvi = RenderDefaults.of("ndvi", one);
        assertThat(ndvi.colormap()).isEqualTo("rdylgn");
        assertThat(ndvi.rescale()).containsExactly(new Range(-1, 1));
        assertThat(RenderDefaults.of("bathymetry", one).rescale()).containsExactly(new Range(2.5, 17.0));
        assertThat(RenderDefaults.of("bathymetry", one).colormap()).isEqualTo("depth");
        assertThat(RenderDefaults.of("hillshade", one).colormap()).isEqualTo("greys");
        RenderParams copy = RenderDefaults.of("cog", SIX_BANDS);
        assertThat(copy.bidx()).containsExactly(1, 2, 3);
        assertThat(copy.rescale()).containsExactly(new Range(50, 90), new Range(30, 80), new Range(20, 90));
        assertThat(copy.resampling()).isEqualTo(Resampling.NEAREST);
        assertThat(copy.colormap()).isNull();
    }

    @Test
    void other_bands_are_stretched_over_their_own_percentiles_unless_rescale_is_given() {
        RenderParams defaults = RenderDefaults.of("cog", SIX_BANDS);
        RenderParams falseColour = RenderRequest.parse(Map.of("bidx", List.of("4,3,2")), defaults, SIX_BANDS);
        assertThat(falseColour.bidx()).containsExactly(4, 3, 2);
        assertThat(falseColour.rescale()).containsExactly(new Range(10, 110), new Range(20, 90), new Range(30, 80));
        RenderParams oneRange = RenderRequest.parse(Map.of("bidx", List.of("4,3,2"), "rescale", List.of("0,255")),
                defaults, SIX_BANDS);
        assertThat(oneRange.rescale()).containsOnly(new Range(0, 255)).hasSize(3);
        RenderParams nir = RenderRequest.parse(Map.of("bidx", List.of("4"), "colormap", List.of("viridis"),
                "tilesize", List.of("512"), "resampling", List.of("bilinear")), defaults, SIX_BANDS);
        assertThat(nir.colormap()).isEqualTo("viridis");
        assertThat(nir.tileSize()).isEqualTo(512);
        assertThat(nir.canonical()).isEqualTo("bidx=4&rescale=10,110&colormap=viridis&resampling=bilinear&tilesize=512");
    }

    @Test
    void every_bad_parameter_is_reported_at_once() {
        RenderParams defaults = RenderDefaults.of("cog", SIX_BANDS);
        RenderRequest.InvalidRenderParams bad = catchThrowableOfType(() -> RenderRequest.parse(Map.of(
                "bidx", List.of("7"), "rescale", List.of("5,1"), "colormap", List.of("rainbow"),
                "tilesize", List.of("300"), "resampling", List.of("lanczos")), defaults, SIX_BANDS),
                RenderRequest.InvalidRenderParams.class);
        assertThat(bad.problems()).extracting(ValidationProblem::pointer).containsExactlyInAnyOrder("/query/bidx",
                "/query/rescale", "/query/colormap", "/query/tilesize", "/query/resampling");
        RenderRequest.InvalidRenderParams twoBands = catchThrowableOfType(() -> RenderRequest.parse(
                Map.of("bidx", List.of("1,2")), defaults, SIX_BANDS), RenderRequest.InvalidRenderParams.class);
        assertThat(twoBands.problems()).extracting(ValidationProblem::pointer).containsExactly("/query/bidx");
    }

    @Test
    void colormaps_run_from_their_first_to_their_last_stop() {
        assertThat(Colormaps.lookup("greys")[0]).isEqualTo(0xff000000);
        assertThat(Colormaps.lookup("greys")[255]).isEqualTo(0xffffffff);
        assertThat(Colormaps.lookup("rdylgn")[0]).isEqualTo(0xffa50026);
        assertThat(Colormaps.lookup("rdylgn")[255]).isEqualTo(0xff006837);
        assertThat(Colormaps.names()).containsExactly("greys", "viridis", "rdylgn", "depth", "terrain");
    }
}
