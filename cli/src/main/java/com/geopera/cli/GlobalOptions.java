package com.geopera.cli;

import com.geopera.cli.output.OutputFormat;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options accepted by every command, before or after the command name. */
public final class GlobalOptions {
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "API base URL (env GEOPERA_URL; default http://127.0.0.1:8080).")
    String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "API key gpra_… or session token (env GEOPERA_API_KEY).")
    String apiKey;

    @Option(names = "--admin-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "Admin API key for geopera admin (env GEOPERA_ADMIN_KEY).")
    String adminKey;

    @Option(names = "--ops-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "Operator key (ops:read/ops:write) for geopera ops (env GEOPERA_OPS_KEY; default: the admin key).")
    String opsKey;

    @Option(names = "--workspace-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "Workspace for new jobs (env GEOPERA_WORKSPACE_ID).")
    String workspaceId;

    @Option(names = "--project-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "Project (env GEOPERA_PROJECT_ID).")
    String projectId;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Profile of the config file (env GEOPERA_PROFILE; default: default).")
    String profile;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            completionCandidates = OutputFormat.Names.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: human).")
    OutputFormat output = OutputFormat.HUMAN;
}
