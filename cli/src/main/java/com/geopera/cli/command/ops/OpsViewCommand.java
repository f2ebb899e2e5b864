package com.geopera.cli.command.ops;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.output.OutputFormat;
import picocli.CommandLine.Mixin;

/**
 * An operator view ({@code ops queues|workers|jobs}): shown once, or with {@code --watch} again and again. On a
 * terminal the human view is redrawn in place; in other formats and in pipes each refresh is printed after the last,
 * so {@code -o ndjson --watch} is a stream of snapshots.
 */
abstract class OpsViewCommand extends ApiCommand {
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Mixin
    WatchOptions watch;

    /** Reads and renders the view once. */
    protected abstract void show(CommandContext context);

    @Override
    protected ExitCode execute(CommandContext context) {
        if (!watch.watch) {
            show(context);
            return ExitCode.OK;
        }
        boolean redraw = context.outputFormat() == OutputFormat.HUMAN && context.environment().interactiveTerminal();
        while (true) {
            if (redraw) {
                context.environment().out().print(CLEAR_SCREEN);
            }
            show(context);
            try {
                context.environment().sleeper().sleep(watch.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.INTERRUPTED;
            }
        }
    }
}
