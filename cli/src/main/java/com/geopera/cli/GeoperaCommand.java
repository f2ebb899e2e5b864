package com.geopera.cli;

import com.geopera.cli.command.CompletionCommand;
import com.geopera.cli.command.ConfigCommand;
import com.geopera.cli.command.admin.AdminCommand;
import com.geopera.cli.command.auth.AuthCommand;
import com.geopera.cli.command.ops.OpsCommand;
import com.geopera.cli.command.processing.ProcessingCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code geopera}: the root of the command tree. */
@Command(name = "geopera", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "The Geopera processing command line: run imagery processes, follow jobs, administer orgs.",
        subcommands = {ProcessingCommand.class, AdminCommand.class, AuthCommand.class, OpsCommand.class,
                ConfigCommand.class, CompletionCommand.class},
        footer = {"%nExamples:",
                "  geopera processing catalog list",
                "  geopera processing execute --process-id clip --input image=file:elev.tif \\",
                "      --input aoi=@aoi.geojson --wait",
                "  geopera processing jobs list --status running --output ndjson",
                "%nConfiguration, highest precedence first:",
                "  1. flags",
                "  2. environment: GEOPERA_URL, GEOPERA_API_KEY, GEOPERA_ADMIN_KEY, GEOPERA_OPS_KEY,",
                "     GEOPERA_ORG_ID, GEOPERA_WORKSPACE_ID, GEOPERA_PROJECT_ID,",
                "     GEOPERA_PROFILE, GEOPERA_CONFIG",
                "  3. profile file ~/.config/geopera/config (session of geopera auth login)",
                "  4. .geopera/local.env of the local stack (searched upwards from here)",
                "  5. http://127.0.0.1:8080"})
public final class GeoperaCommand {
    @Mixin
    GlobalOptions options;

    private final CliEnvironment environment;
    private CommandContext context;

    public GeoperaCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The context of this run; built on first use, after picocli has set the options. */
    public CommandContext context() {
        if (context == null) {
            context = new CommandContext(environment, options);
        }
        return context;
    }
}
