package com.geopera.imagery.bench;

import com.geopera.common.json.Json;
import com.geopera.imagery.ImageryConfig;
import com.geopera.imagery.ImageryEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CPU and wall time of clip estimates (what the api does per estimate request) on the sample DEM, in a warm JVM: a
 * quick before/after measure for changes to the estimate path, not a benchmark of record. CPU time (of this thread,
 * GDAL's native work included) is the figure to compare on a shared machine, where wall time is others' load.
 * Arguments: the samples directory and the number of estimates per AOI (default 1,000).
 */
public final class ClipEstimateTiming {
    private static final List<String> INPUTS = List.of(
            "{\"image\":\"file:elev.tif\",\"aoi\":" + box(5.9, 49.6, 6.3, 50.0) + "}",
            "{\"image\":\"file:elev.tif\",\"aoi\":" + box(5.9, 49.6, 7.3, 50.0) + "}",
            "{\"image\":\"file:elev.tif\",\"aoi\":" + box(5.9, 49.6, 6.3, 50.0) + ",\"resolution\":0.01}");

    private ClipEstimateTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : ".geopera/samples");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        ImageryEngine engine = new ImageryEngine(ImageryConfig.defaults(List.of(samples), List.of()));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String inputs : INPUTS) {
            for (int i = 0; i < n; i++) {
                engine.estimate("clip", Json.mapper().readTree(inputs));
            }
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                engine.estimate("clip", Json.mapper().readTree(inputs));
            }
            double wallMs = (System.nanoTime() - start) / 1e6;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            System.out.printf(Locale.ROOT, "%d estimates: cpu %.3f ms each, wall %.3f ms each: %s%n", n, cpuMs / n,
                    wallMs / n, inputs);
        }
    }

    private static String box(double west, double south, double east, double north) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + west + "," + south + "],[" + east + "," + south + "],["
                + east + "," + north + "],[" + west + "," + north + "],[" + west + "," + south + "]]]}";
    }
}
