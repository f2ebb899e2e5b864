package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.process.JobOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputStorageTest {
    @TempDir
    Path root;

    private static JobOutput output(Path file) throws IOException {
        return new JobOutput("result", file.toUri().toString(), "image/tiff", Files.size(file), Map.of());
    }

    @Test
    void outputs_land_in_org_job_and_attempt_directories_with_hrefs_pointing_there() throws IOException {
        OutputStorage storage = new OutputStorage(root);
        DispatchJob job = TestDispatches.dispatch("job_x", 2, "clip");
        Path staging = storage.createStaging(job);
        Path file = Files.writeString(staging.resolve("result.tif"), "pixels");

        List<JobOutput> outputs = storage.promote(job, staging, List.of(output(file)));

        Path expected = root.resolve("org_t/job_x/2/result.tif");
        assertThat(expected).hasContent("pixels");
        assertThat(outputs.get(0).href()).isEqualTo(expected.toUri().toString());
        assertThat(staging).doesNotExist();
    }

    @Test
    void a_second_run_of_the_same_attempt_never_overwrites_the_first_ones_files() throws IOException {
        OutputStorage storage = new OutputStorage(root);
        DispatchJob job = TestDispatches.dispatch("job_x", 1, "clip");
        Path first = storage.createStaging(job);
        Path second = storage.createStaging(job);
        Files.writeString(first.resolve("result.tif"), "first");
        Path late = Files.writeString(second.resolve("result.tif"), "second");

        storage.promote(job, first, List.of());
        List<JobOutput> outputs = storage.promote(job, second, List.of(output(late)));

        assertThat(root.resolve("org_t/job_x/1/result.tif")).hasContent("first");
        assertThat(Path.of(java.net.URI.create(outputs.get(0).href()))).hasContent("first");
        assertThat(second).doesNotExist();
    }

    @Test
    void another_attempt_gets_its_own_directory() throws IOException {
        OutputStorage storage = new OutputStorage(root);
        DispatchJob one = TestDispatches.dispatch("job_x", 1, "clip");
        DispatchJob two = TestDispatches.dispatch("job_x", 2, "clip");
        storage.promote(one, storage.createStaging(one), List.of());
        storage.promote(two, storage.createStaging(two), List.of());
        assertThat(root.resolve("org_t/job_x/1")).isDirectory();
        assertThat(root.resolve("org_t/job_x/2")).isDirectory();
    }

    @Test
    void a_discarded_run_leaves_nothing_behind() throws IOException {
        OutputStorage storage = new OutputStorage(root);
        DispatchJob job = TestDispatches.dispatch("job_x", 1, "clip");
        Path staging = storage.createStaging(job);
        Files.createDirectories(staging.resolve("deep"));
        Files.writeString(staging.resolve("deep/partial.tif"), "half");
        storage.discard(staging);
        assertThat(staging).doesNotExist();
        assertThat(root.resolve("org_t/job_x/1")).doesNotExist();
    }
}
