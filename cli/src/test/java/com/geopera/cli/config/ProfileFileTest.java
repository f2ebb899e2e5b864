package com.geopera.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {
    @TempDir
    Path dir;

    @Test
    void an_update_keeps_other_profiles_and_keys_and_is_readable_by_its_owner_only() throws IOException {
        Path path = dir.resolve("geopera/config");
        Files.createDirectories(path.getParent());
        Files.writeString(path, "url = http://a\n\n[prod]\nurl = https://prod\n");

        ProfileFile.load(path).update("default", Map.of("session_token", "gps_1"));

        ProfileFile reread = ProfileFile.load(path);
        assertThat(reread.profile("default")).containsEntry("url", "http://a").containsEntry("session_token", "gps_1");
        assertThat(reread.profile("prod")).containsEntry("url", "https://prod");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
    }

    @Test
    void a_null_value_removes_the_key_and_a_missing_file_is_created() {
        Path path = dir.resolve("new/config");
        ProfileFile.load(path).update("dev", Map.of("session_token", "gps_1", "url", "http://x"));
        Map<String, String> removal = new HashMap<>();
        removal.put("session_token", null);

        ProfileFile.load(path).update("dev", removal);

        assertThat(ProfileFile.load(path).profile("dev")).containsOnly(Map.entry("url", "http://x"));
    }
}
