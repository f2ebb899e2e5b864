package com.geopera.worker.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A large GeoTIFF over Luxembourg made once with GDAL's own {@code gdal_create}, so that clipping it takes long
 * enough to cancel mid-run. Made by the CLI because the GDAL Java library may be loaded only once per JVM, and the
 * worker under test owns it.
 */
final class BigLuxRaster {
    static final String FILE_NAME = "big-lux.tif";
    static final int SIZE_PIXELS = 14000;

    private BigLuxRaster() {
    }

    static Path ensure(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(FILE_NAME + ".partial.tif");
            Process process = new ProcessBuilder(List.of("gdal_create", "-of", "GTiff",
                    "-outsize", Integer.toString(SIZE_PIXELS), Integer.toString(SIZE_PIXELS),
                    "-bands", "1", "-ot", "Float32", "-burn", "300", "-a_srs", "EPSG:4326",
                    "-a_ullr", "5.74", "50.19", "6.53", "49.44", partial.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("gdal_create failed for " + file);
            }
            Files.move(partial, file);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run gdal_create (install gdal-bin)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
