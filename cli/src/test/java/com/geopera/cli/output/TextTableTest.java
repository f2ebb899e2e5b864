package com.geopera.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void columns_are_aligned_under_an_upper_case_header_without_trailing_spaces() {
        var lines = new TextTable(List.of("Job", "Status", "Progress"))
                .row(List.of("job_1", "running", "45%"))
                .row(List.of("job_22222", "succeeded", "100%"))
                .lines();

        assertThat(lines).containsExactly(
                "JOB        STATUS     PROGRESS",
                "job_1      running    45%",
                "job_22222  succeeded  100%");
    }

    @Test
    void long_cells_are_cut_with_an_ellipsis_except_in_the_last_column_and_newlines_flattened() {
        var lines = new TextTable(List.of("Title", "Href")).row(List.of("x".repeat(100), "h".repeat(100)))
                .row(List.of("a\nb", "c")).lines();

        assertThat(lines.get(1)).startsWith("x".repeat(59) + "…  ").endsWith("h".repeat(100));
        assertThat(lines.get(2)).startsWith("a b");
    }
}
