package com.geopera.cli.command.ops;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RawResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera ops metrics} → GET /q/metrics, the Prometheus text, optionally filtered by metric prefix. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Print the api's Prometheus metrics.",
        footer = {"%nExample:", "  geopera ops metrics --prefix geopera_"})
public final class OpsMetricsCommand extends ApiCommand {
    private static final String METRICS_PATH = "/q/metrics";

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Only metric lines starting with TEXT.")
    String prefix;

    @Override
    protected ExitCode execute(CommandContext context) {
        RawResponse response = context.client(null).get(METRICS_PATH);
        if (!response.isSuccess()) {
            throw new CliException(ExitCode.SERVER, "HTTP " + response.status() + " from " + METRICS_PATH);
        }
        var out = context.environment().out();
        response.body().lines().filter(line -> prefix == null || line.startsWith(prefix)).forEach(out::println);
        out.flush();
        return ExitCode.OK;
    }
}
