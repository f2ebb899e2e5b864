package com.geopera.ledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void a_run_costs_its_base_plus_its_area_plus_its_pixel_bands_rounded_up() {
        CostModel model = new CostModel(1, 0.01, 0.5);
        // 1 + 0.01 · 250 km² + 0.5 · (2 000 000 px · 3 bands / 10⁶) = 1 + 2.5 + 3 = 6.5 → 7
        assertThat(model.credits(250, 2_000_000, 3)).isEqualTo(7);
    }

    @Test
    void an_empty_run_costs_its_base_and_a_bandless_image_counts_as_one_band() {
        CostModel model = new CostModel(5, 0.05, 2.0);
        assertThat(model.credits(0, 0, 0)).isEqualTo(5);
        assertThat(model.credits(-3, 1_000_000, 0)).isEqualTo(7);
    }

    @Test
    void every_shipped_process_has_a_model_and_none_is_free() {
        assertThat(CostModel.defaults()).containsOnlyKeys("clip", "bathymetry", "ndvi", "reproject", "cog",
                "hillshade");
        CostModel.defaults().values().forEach(model -> assertThat(model.credits(0, 0, 1)).isPositive());
    }

    @Test
    void negative_prices_are_refused() {
        assertThatThrownBy(() -> new CostModel(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
