package com.geopera.cli;

import com.geopera.cli.http.Sleeper;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command reads from the world it runs in: environment variables, directories, the output streams,
 * whether stderr is a terminal, the clock. Tests build their own.
 */
public record CliEnvironment(Map<String, String> variables, Path workingDir, Path homeDir, PrintWriter out,
        PrintWriter err, boolean interactiveTerminal, Clock clock, Sleeper sleeper) {
    /** System property the launcher sets to {@code true} when stderr is a terminal. */
    public static final String STDERR_TTY_PROPERTY = "geopera.stderr.tty";

    /** The real process: System.getenv, the current directory, stdout/stderr, a terminal when there is a console. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(), homeDir(System.getenv()),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                stderrIsTerminal(), Clock.systemUTC(), Sleeper.system());
    }

    /**
     * Whether stderr (where progress goes) is a terminal: cli/bin/geopera tells with {@value #STDERR_TTY_PROPERTY}
     * (bash can test stderr; Java cannot), else a console means one.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TTY_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** $HOME as the shell sees it (the JVM's user.home ignores it), else user.home. */
    static Path homeDir(Map<String, String> variables) {
        String home = variables.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }
}
