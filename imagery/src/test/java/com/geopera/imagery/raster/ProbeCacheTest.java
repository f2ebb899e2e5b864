package com.geopera.imagery.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCacheTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void gdal() {
        Gdal.init(Duration.ofSeconds(30));
    }

    @BeforeEach
    void empty() {
        ProbeCache.clear();
    }

    private static Path sample(String name) {
        String root = System.getProperty("geopera.repo.root");
        assertThat(root).as("system property geopera.repo.root (set by the root pom)").isNotNull();
        Path file = Path.of(root, ".geopera/samples", name);
        assertThat(file).as("run deploy/samples/fetch").exists();
        return file;
    }

    @Test
    void an_unchanged_file_is_described_once_and_answered_from_the_cache_afterwards() throws IOException {
        Path image = Files.copy(sample("elev.tif"), dir.resolve("elev.tif"));
        RasterProbe.Result first = RasterProbe.probe(image.toString());
        RasterProbe.Result second = RasterProbe.probe(image.toString());
        assertThat(first.isOk()).isTrue();
        assertThat(second.info()).isSameAs(first.info());
    }

    @Test
    void a_file_replaced_by_another_raster_is_probed_again_and_described_as_it_is_now() throws IOException {
        Path image = Files.copy(sample("elev.tif"), dir.resolve("input.tif"));
        RasterInfo before = RasterProbe.probe(image.toString()).info();
        Files.copy(sample("L7_ETMs.tif"), image, StandardCopyOption.REPLACE_EXISTING);
        RasterInfo after = RasterProbe.probe(image.toString()).info();
        assertThat(after).isNotSameAs(before);
        assertThat(after.width()).isNotEqualTo(before.width());
        assertThat(after.bandCount()).isEqualTo(RasterProbe.probe(sample("L7_ETMs.tif").toString()).info()
                .bandCount());
    }

    @Test
    void a_touched_file_of_the_same_size_is_probed_again() throws IOException {
        Path image = Files.copy(sample("elev.tif"), dir.resolve("elev.tif"));
        RasterInfo before = RasterProbe.probe(image.toString()).info();
        Files.setLastModifiedTime(image, FileTime.from(Instant.now().plusSeconds(60)));
        RasterInfo after = RasterProbe.probe(image.toString()).info();
        assertThat(after).isNotSameAs(before);
        assertThat(after.width()).isEqualTo(before.width());
    }
}
