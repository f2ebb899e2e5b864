package com.geopera.imagery.bench;

import com.geopera.common.json.Json;
import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.ProgressListener;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.raster.CogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;

/**
 * Clip and COG conversion of a ≥ 200 MB raster: the engine in a warm JVM against the gdalwarp / gdal_translate
 * CLI with the same options, interleaved, median of N rounds; plus the peak RSS of this JVM and of the CLI.
 * Run through {@code imagery/bench/run}.
 */
public final class ImageryBenchmark {
    private static final int SIZE = 10_240;
    /** UTM 32N, 10 m pixels, south-west Germany. */
    private static final double[] GEO_TRANSFORM = {400_000, 10, 0, 5_500_000, 0, -10};
    /** Inside the image, so that gdalwarp's -crop_to_cutline and the engine's AOI ∩ footprint cover the same extent. */
    private static final String AOI = "{\"type\":\"Polygon\",\"coordinates\":[[[7.8,48.85],[8.7,48.9],[8.85,49.3],"
            + "[8.3,49.55],[7.75,49.3],[7.8,48.85]]]}";

    private ImageryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/geopera-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Files.createDirectories(dir);
        ImageryEngine engine = new ImageryEngine(ImageryConfig.defaults(List.of(dir), List.of()));
        Path big = dir.resolve("big.tif");
        if (!Files.exists(big) || Files.size(big) < 200L * 1024 * 1024) {
            create(big, SIZE);
        }
        Path small = dir.resolve("small.tif");
        if (!Files.exists(small)) {
            create(small, 1024);
        }
        Path aoi = Files.writeString(dir.resolve("aoi.geojson"), AOI);
        System.out.printf(Locale.ROOT, "input: %s, %d x %d Int16, %.1f MB%n", big, SIZE, SIZE, Files.size(big) / 1e6);

        String clipInputs = "{\"image\":\"file:big.tif\",\"aoi\":" + AOI + "}";
        String cogInputs = "{\"image\":\"file:big.tif\"}";
        // warm-up: first GDAL calls and JIT on a small raster
        for (int i = 0; i < 2; i++) {
            engineRun(engine, dir, "clip", "{\"image\":\"file:small.tif\",\"aoi\":" + AOI + "}");
            engineRun(engine, dir, "cog", "{\"image\":\"file:small.tif\"}");
        }
        List<String> clipCli = new ArrayList<>(List.of("gdalwarp", "-q", "-cutline", aoi.toString(), "-crop_to_cutline",
                "-dstnodata", "-32768", "-overwrite"));
        clipCli.addAll(CogWriter.translateArgs(CogWriter.DEFAULT_COMPRESSION));
        clipCli.addAll(List.of(big.toString(), dir.resolve("cli-clip.tif").toString()));
        List<String> cogCli = new ArrayList<>(List.of("gdal_translate", "-q"));
        cogCli.addAll(CogWriter.translateArgs(CogWriter.DEFAULT_COMPRESSION));
        cogCli.addAll(List.of(big.toString(), dir.resolve("cli-cog.tif").toString()));

        // wall seconds and CPU seconds (the machine may be shared: CPU time is the steadier comparison)
        double[][] t = new double[4][rounds];
        double[][] cpu = new double[4][rounds];
        long[] cliRssKb = new long[2];
        for (int r = 0; r < rounds; r++) {
            t[0][r] = engineRun(engine, dir, "clip", clipInputs, cpu[0], r);
            t[1][r] = cli(clipCli, dir, cliRssKb, 0, cpu[1], r);
            t[2][r] = engineRun(engine, dir, "cog", cogInputs, cpu[2], r);
            t[3][r] = cli(cogCli, dir, cliRssKb, 1, cpu[3], r);
            System.out.printf(Locale.ROOT, "round %d: clip engine %.2f s (cpu %.2f), cli %.2f s (cpu %.2f); "
                    + "cog engine %.2f s (cpu %.2f), cli %.2f s (cpu %.2f)%n", r + 1, t[0][r], cpu[0][r], t[1][r],
                    cpu[1][r], t[2][r], cpu[2][r], t[3][r], cpu[3][r]);
        }
        long jvmPeakKb = peakRssKb();
        String cmd = "imagery/bench/run";
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Input: %d × %d Int16 GeoTIFF (%.0f MB, EPSG:32632, tiled, uncompressed); "
                + "%d rounds, interleaved, median; GDAL_CACHEMAX=%s.%n%n", SIZE, SIZE, Files.size(big) / 1e6, rounds,
                System.getenv().getOrDefault("GDAL_CACHEMAX", "default")));
        md.append("| operation | engine wall s | CLI wall s | wall ratio | engine CPU s | CLI CPU s | CPU ratio | CLI peak RSS MB |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        md.append(row("clip (AOI cutline → COG)", t[0], t[1], cpu[0], cpu[1], cliRssKb[0]));
        md.append(row("cog (GeoTIFF → COG, DEFLATE)", t[2], t[3], cpu[2], cpu[3], cliRssKb[1]));
        md.append(String.format(Locale.ROOT, "%nPeak RSS of the JVM running the engine (VmHWM, whole run incl. "
                + "building the input): %.0f MB; max heap %d MB.%n", jvmPeakKb / 1024.0,
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        System.out.println();
        System.out.println(md);
        Files.writeString(dir.resolve("result.md"), md.toString());
        System.out.println("(written to " + dir.resolve("result.md") + "; command: " + cmd + ")");
    }

    private static String row(String name, double[] engine, double[] cli, double[] engineCpu, double[] cliCpu,
                              long cliRssKb) {
        double e = median(engine);
        double c = median(cli);
        double ec = median(engineCpu);
        double cc = median(cliCpu);
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |%n", name, e, c, e / c,
                ec, cc, ec / cc, cliRssKb / 1024.0);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double engineRun(ImageryEngine engine, Path dir, String process, String inputs) throws IOException {
        return engineRun(engine, dir, process, inputs, new double[1], 0);
    }

    /** GDAL works on the calling thread (no -multi, no NUM_THREADS), so its CPU time is this thread's. */
    private static double engineRun(ImageryEngine engine, Path dir, String process, String inputs, double[] cpu, int slot)
            throws IOException {
        Path out = dir.resolve("engine-" + process);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        engine.run(new RunRequest("job_bench", 1, process, Json.mapper().readTree(inputs), out),
                ProgressListener.NONE, CancellationToken.NEVER);
        cpu[slot] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Runs a CLI under /usr/bin/time to learn its peak RSS; returns wall seconds. */
    private static double cli(List<String> command, Path dir, long[] rssKb, int slot, double[] cpu, int round)
            throws Exception {
        Path rss = dir.resolve("cli-rss.txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        full.addAll(command);
        Files.deleteIfExists(Path.of(command.get(command.size() - 1)));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(full).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String[] measured = Files.readString(rss).strip().split("\\s+");
        rssKb[slot] = Math.max(rssKb[slot], Long.parseLong(measured[0]));
        cpu[round] = Double.parseDouble(measured[1]) + Double.parseDouble(measured[2]);
        return seconds;
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** A smooth synthetic terrain, written in strips so that building it needs little memory. */
    private static void create(Path file, int size) {
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file.toString(), size, size, 1, gdalconstConstants.GDT_Int16,
                new String[] {"TILED=YES", "BIGTIFF=IF_SAFER"});
        double[] gt = GEO_TRANSFORM.clone();
        gt[1] = gt[1] * SIZE / size;
        gt[5] = gt[5] * SIZE / size;
        ds.SetGeoTransform(gt);
        SpatialReference srs = new SpatialReference();
        srs.SetFromUserInput("EPSG:32632");
        ds.SetProjection(srs.ExportToWkt());
        srs.delete();
        Band band = ds.GetRasterBand(1);
        int rows = 256;
        short[] strip = new short[size * rows];
        for (int y0 = 0; y0 < size; y0 += rows) {
            int n = Math.min(rows, size - y0);
            for (int y = 0; y < n; y++) {
                double fy = (y0 + y) / (double) size;
                for (int x = 0; x < size; x++) {
                    double fx = x / (double) size;
                    strip[y * size + x] = (short) (800 * Math.sin(fx * 9.1) * Math.cos(fy * 7.3) + 300 * Math.sin(fx * fy * 40)
                            + ((x * 31 + y0 * 17 + y * 17) % 23));
                }
            }
            band.WriteRaster(0, y0, size, n, strip);
        }
        ds.delete();
    }
}
