package com.geopera.cli;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/** Entry point: builds the command tree, maps failures to exit codes, exits. */
public final class GeoperaCli {
    static final String EXIT_CODES_LINE = Arrays.stream(ExitCode.values())
            .map(code -> code.code() + " " + code.name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .collect(Collectors.joining(", "));

    private GeoperaCli() {
    }

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line and returns its exit code (tests call this in-process). */
    public static int run(CliEnvironment environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /** The configured command tree; also used to generate the shell completion script. */
    public static CommandLine commandLine(CliEnvironment environment) {
        GeoperaCommand root = new GeoperaCommand(environment);
        CommandLine commandLine = new CommandLine(root)
                .setOut(environment.out())
                .setErr(environment.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, command, parseResult) -> handle(root, exception));
        commandLine.getCommandSpec().usageMessage().footer(rootFooter(commandLine.getCommandSpec()));
        commandLine.getSubcommands().values().forEach(GeoperaCli::addExitCodesFooter);
        return commandLine;
    }

    private static int handle(GeoperaCommand root, Exception exception) {
        if (exception instanceof CliException failure) {
            root.context().renderer().failure(failure);
            return failure.exitCode().code();
        }
        root.context().renderer().failure(new CliException(ExitCode.FAILURE, "unexpected error: " + exception));
        exception.printStackTrace(root.context().environment().err());
        return ExitCode.FAILURE.code();
    }

    private static String[] rootFooter(CommandSpec spec) {
        String[] examples = spec.usageMessage().footer();
        String[] footer = Arrays.copyOf(examples, examples.length + ExitCode.values().length + 1);
        footer[examples.length] = "%nExit codes:";
        int line = examples.length + 1;
        for (ExitCode code : ExitCode.values()) {
            footer[line++] = String.format("  %3d  %s", code.code(), code.meaning());
        }
        return footer;
    }

    private static void addExitCodesFooter(CommandLine command) {
        String[] footer = command.getCommandSpec().usageMessage().footer();
        String[] extended = Arrays.copyOf(footer, footer.length + 1);
        extended[footer.length] = "%nExit codes: " + EXIT_CODES_LINE + ".";
        command.getCommandSpec().usageMessage().footer(extended);
        command.getSubcommands().values().forEach(GeoperaCli::addExitCodesFooter);
    }
}
