package com.geopera.systemtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.geopera.systemtest.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GDAL-only limit runs the real engine (GDAL natives from .geopera/native) on the benchmark's clip jobs. */
class GdalOnlyLimitTest {
    /** elev.tif's pixel: 1/120°. */
    private static final double PIXEL = 1.0 / 120;

    @TempDir
    Path outputs;

    private GdalOnlyLimit limit() {
        return new GdalOnlyLimit(TestServers.repoRoot().resolve(".geopera/samples"), outputs);
    }

    @Test
    void each_job_leaves_a_cog_of_its_square_of_elev_tif_in_its_attempt_directory() {
        List<Path> cogs = limit().run(0, 3, 2);

        assertThat(cogs).hasSize(3).doesNotHaveDuplicates();
        // Square 0 is 6.0–6.2°E × 49.6–49.8°N, exactly 24 × 24 of elev.tif's pixels; squares 1 and 2 lie 0.002°
        // (a quarter pixel) and 0.004° further east, so they touch a 25th column.
        int[] widths = {24, 25, 25};
        for (int n = 0; n < 3; n++) {
            Path cog = cogs.get(n);
            assertThat(cog).isRegularFile().hasFileName("result.tif");
            assertThat(cog.getParent().getFileName()).hasToString("1");
            assertThat(cog.getParent().getParent().getParent()).isEqualTo(outputs);
            Dataset ds = gdal.Open(cog.toString());
            try {
                assertThat(ds).as("GDAL opens %s", cog).isNotNull();
                assertThat(ds.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")).isEqualTo("COG");
                assertThat(ds.getRasterXSize()).as("width of square %d", n).isEqualTo(widths[n]);
                assertThat(ds.getRasterYSize()).as("height of square %d", n).isEqualTo(24);
                double[] gt = ds.GetGeoTransform();
                // elev.tif's own pixels, copied: its grid, the square's west and north edges snapped outward to it
                assertThat(gt[1]).isCloseTo(PIXEL, within(1e-9));
                assertThat(gt[0]).as("west edge").isCloseTo(6.0, within(1e-9));
                assertThat(gt[3]).as("north edge").isCloseTo(49.8, within(1e-9));
            } finally {
                if (ds != null) {
                    ds.delete();
                }
            }
        }
        // No staging directory is left behind: every run was renamed into its attempt directory.
        assertThat(attemptDirs()).hasSize(3);
    }

    @Test
    void a_measurement_runs_the_warm_up_then_the_measured_jobs_and_reports_their_rate_and_cpu() {
        GdalOnlyLimit.Measurement measurement = limit().measure(3, 2);

        assertThat(measurement.jobs()).isEqualTo(3);
        assertThat(measurement.threads()).isEqualTo(2);
        assertThat(measurement.jobsPerSecond()).isPositive();
        assertThat(measurement.cpuMillisPerJob()).isPositive();
        assertThat(attemptDirs()).hasSize(GdalOnlyLimit.WARM_UP_JOBS_PER_THREAD * 2 + 3);
    }

    @Test
    void without_gdal_natives_on_the_library_path_it_fails_instead_of_measuring_nothing() {
        String libraryPath = System.getProperty("java.library.path");
        System.setProperty("java.library.path", outputs.toString());
        try {
            assertThatThrownBy(this::limit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GDAL's natives missing");
        } finally {
            System.setProperty("java.library.path", libraryPath);
        }
    }

    /** The attempt directories ({@code <job>/1}) under the output root, staging directories included if any. */
    private List<Path> attemptDirs() {
        try (Stream<Path> jobs = Files.list(outputs)) {
            return jobs.flatMap(job -> {
                try {
                    return Files.list(job).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
