package com.geopera.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A large GeoTIFF over Luxembourg, made once with {@code gdal_create}, for jobs that run many seconds. */
public final class SyntheticRaster {
    public static final String FILE_NAME = "big-lux.tif";
    private static final int SIZE_PIXELS = 14000;

    private SyntheticRaster() {
    }

    /** {@code deploy/system-tests/target/big-inputs}, holding the raster (made on first use): an extra input root. */
    public static Path dir() {
        return ensureIn(TestServers.repoRoot().resolve("deploy/system-tests/target/big-inputs"));
    }

    /** The directory holding the raster (an extra input root of the stack). */
    static Path ensureIn(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(FILE_NAME + ".partial.tif");
            Process process = new ProcessBuilder(List.of("gdal_create", "-of", "GTiff", "-outsize",
                    Integer.toString(SIZE_PIXELS), Integer.toString(SIZE_PIXELS), "-bands", "1", "-ot", "Float32",
                    "-burn", "300", "-a_srs", "EPSG:4326", "-a_ullr", "5.74", "50.19", "6.53", "49.44",
                    partial.toString())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("gdal_create failed for " + file);
            }
            Files.move(partial, file);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run gdal_create (install gdal-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
