package com.geopera.cli.command;

import com.geopera.cli.CommandContext;
import com.geopera.cli.GeoperaCommand;
import com.geopera.cli.error.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every leaf command: finds the run's context and turns the result into an exit code. */
public abstract class ApiCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        return execute(((GeoperaCommand) spec.root().userObject()).context()).code();
    }

    /** Does the command's work; failures are thrown as {@link com.geopera.cli.error.CliException}s. */
    protected abstract ExitCode execute(CommandContext context);
}
