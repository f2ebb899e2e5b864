package com.geopera.cli.command;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it prints its usage and fails as a usage error. */
public abstract class GroupCommand implements Runnable {
    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliException(ExitCode.USAGE, "missing subcommand of " + spec.qualifiedName());
    }
}
