package com.geopera.cli.command;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code geopera completion bash}: the completion script, generated from the command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script (bash; zsh loads it through bashcompinit).",
        footer = {"%nExamples:", "  source <(geopera completion bash)",
                "  geopera completion bash > /etc/bash_completion.d/geopera"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", completionCandidates = Shells.class,
            description = "Shell: ${COMPLETION-CANDIDATES} (default: bash).")
    String shell;

    @Override
    public Integer call() {
        if (!new Shells().contains(shell)) {
            throw new CliException(ExitCode.USAGE, "unsupported shell: " + shell + " (choose bash or zsh)");
        }
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return ExitCode.OK.code();
    }

    /** Shells whose completion the script serves. */
    public static final class Shells extends ArrayList<String> {
        public Shells() {
            super(List.of("bash", "zsh"));
        }
    }
}
