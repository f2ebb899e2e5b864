package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.output.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geopera admin api-keys create NAME} → admin.api_keys.create. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an API key; its secret (api_key) is shown once.",
        footer = {"%nExamples:", "  geopera admin api-keys create --org-id org_01J… \\",
                "      --scope processing:read,processing:process,clip:read ci-pipeline",
                "  geopera admin api-keys create --scope ops:read,ops:write on-call"})
public final class ApiKeyCreateCommand extends ApiCommand {
    private static final String OPERATION = "admin.api_keys.create";
    private static final List<String> ORGLESS_SCOPES = List.of("admin", "ops:read", "ops:write", "platform:worker");

    @Mixin
    OrgOption org;

    @Parameters(paramLabel = "NAME", description = "Key name.")
    String name;

    @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
            completionCandidates = ScopeNames.class,
            description = "Scopes (repeatable or comma-separated): ${COMPLETION-CANDIDATES}.")
    List<String> scopes = new ArrayList<>();

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode();
        // Admin, operator and platform worker keys belong to no org: a configured org is not sent for them.
        if (!ORGLESS_SCOPES.containsAll(scopes)) {
            body.put("org_id", org.orgId(context));
        }
        body.put("name", name);
        scopes.forEach(body.putArray("scopes")::add);
        context.renderer().object(AdminCall.send(context, OPERATION, body), Views.generic("api keys"));
        if (context.outputFormat() == OutputFormat.HUMAN) {
            context.environment().err().println("Store api_key now: the api never shows it again.");
            context.environment().err().flush();
        }
        return ExitCode.OK;
    }

    /** The scopes the api knows, for help and completion. */
    public static final class ScopeNames extends ArrayList<String> {
        public ScopeNames() {
            super(List.of("processing:read", "processing:process", "clip:read", "clip:destroy", "admin", "ops:read",
                    "ops:write"));
        }
    }
}
