package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress, cancellation mid-run, clean-up and concurrent runs. */
class RunLifecycleTest {
    private static final int SIZE = 3000;

    @TempDir
    Path tmp;

    private ImageryEngine engine;

    @BeforeEach
    void setUp() {
        TestRasters.geoTiff(tmp.resolve("big.tif"), SIZE, SIZE, new double[] {5, 0.0002, 0, 50, 0, -0.0002},
                "EPSG:4326", gdalconstConstants.GDT_Float32, null, ConversionTest.gradient(SIZE, SIZE));
        engine = TestRasters.engine(tmp);
    }

    @Test
    void progress_rises_from_zero_to_one() {
        List<Double> seen = new ArrayList<>();
        engine.run(new RunRequest("job_p", 1, "hillshade", TestRasters.json("{'image':'file:big.tif'}"), tmp.resolve("out")),
                seen::add, CancellationToken.NEVER);
        assertThat(seen.get(0)).isZero();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(1.0);
        assertThat(seen).isSorted();
        assertThat(seen.size()).isGreaterThan(5);
    }

    @Test
    void cancelling_mid_run_aborts_every_process_and_leaves_no_files() throws Exception {
        for (String[] job : new String[][] {
                {"clip", "{'image':'file:big.tif','aoi':" + TestRasters.box(5.05, 49.5, 5.5, 49.95) + "}"},
                {"cog", "{'image':'file:big.tif'}"},
                {"ndvi", "{'image':'file:big.tif','red_band':1,'nir_band':1}"},
                {"hillshade", "{'image':'file:big.tif'}"},
                {"reproject", "{'image':'file:big.tif','target_crs':'EPSG:3857'}"},
                {"bathymetry", "{'image':'file:big.tif','blue_band':1,'green_band':1,'nir_band':1,'m0':1,'m1':2,"
                        + "'aoi':" + TestRasters.box(5.05, 49.5, 5.5, 49.95) + "}"}}) {
            Path out = tmp.resolve("out-" + job[0]);
            AtomicBoolean cancel = new AtomicBoolean();
            AtomicReference<Double> last = new AtomicReference<>(0.0);
            assertThatThrownBy(() -> engine.run(new RunRequest("job_c", 1, job[0], TestRasters.json(job[1]), out),
                    f -> {
                        last.set(f);
                        if (f > 0.2) {
                            cancel.set(true);
                        }
                    }, cancel::get)).as(job[0]).isInstanceOf(RunCancelledException.class);
            assertThat(last.get()).as(job[0] + " stopped mid-run").isLessThan(0.9);
            assertThat(TestRasters.filesUnder(out)).as(job[0] + " leftovers").isEmpty();
        }
    }

    @Test
    void a_failing_run_leaves_no_files() throws Exception {
        Path out = tmp.resolve("out");
        // a listener that throws makes the progress callback return 0, so GDAL aborts; the run fails cleanly
        assertThatThrownBy(() -> engine.run(new RunRequest("job_f", 1, "cog", TestRasters.json("{'image':'file:big.tif'}"), out),
                f -> {
                    if (f > 0.1) {
                        throw new IllegalStateException("listener broke");
                    }
                }, CancellationToken.NEVER)).isInstanceOf(ProcessingFailedException.class);
        assertThat(TestRasters.filesUnder(out)).isEmpty();
    }

    @Test
    void several_runs_on_several_threads_give_the_same_results_as_one() throws Exception {
        String inputs = "{'image':'file:big.tif','aoi':" + TestRasters.box(5.1, 49.6, 5.4, 49.9) + "}";
        Path reference = Path.of(URI.create(engine.run(new RunRequest("job_ref", 1, "clip", TestRasters.json(inputs),
                tmp.resolve("ref")), ProgressListener.NONE, CancellationToken.NEVER).outputs().get(0).href()));
        double[] expected = TestRasters.pixels(reference, 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String process = i % 2 == 0 ? "clip" : "cog";
                String in = i % 2 == 0 ? inputs : "{'image':'file:big.tif'}";
                Path out = tmp.resolve("c" + i);
                futures.add(pool.submit(() -> engine.run(new RunRequest("job_" + out.getFileName(), 1, process,
                        TestRasters.json(in), out), ProgressListener.NONE, CancellationToken.NEVER)));
            }
            for (int i = 0; i < futures.size(); i++) {
                RunResult r = futures.get(i).get();
                Path file = Path.of(URI.create(r.outputs().get(0).href()));
                assertThat(TestRasters.filesUnder(file.getParent())).containsExactly("result.tif");
                if (i % 2 == 0) {
                    TestRasters.assertSamePixels(TestRasters.pixels(file, 1), expected);
                } else {
                    assertThat(r.outputs().get(0).metadata()).containsEntry("width", SIZE);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().startsWith(".geopera")).count()).isZero();
    }
}
