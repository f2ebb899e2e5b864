package com.geopera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliEnvironmentTest {
    @Test
    void the_home_directory_follows_the_HOME_variable_as_the_shell_sees_it() {
        assertThat(CliEnvironment.homeDir(Map.of("HOME", "/tmp/elsewhere"))).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(CliEnvironment.homeDir(Map.of())).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void progress_bars_follow_what_the_launcher_says_about_stderr() {
        String before = System.getProperty(CliEnvironment.STDERR_TTY_PROPERTY);
        try {
            System.setProperty(CliEnvironment.STDERR_TTY_PROPERTY, "true");
            assertThat(CliEnvironment.stderrIsTerminal()).isTrue();
            System.setProperty(CliEnvironment.STDERR_TTY_PROPERTY, "false");
            assertThat(CliEnvironment.stderrIsTerminal()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(CliEnvironment.STDERR_TTY_PROPERTY);
            } else {
                System.setProperty(CliEnvironment.STDERR_TTY_PROPERTY, before);
            }
        }
    }
}
