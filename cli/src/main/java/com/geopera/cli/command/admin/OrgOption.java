package com.geopera.cli.command.admin;

import com.geopera.cli.CommandContext;
import com.geopera.cli.config.Setting;
import picocli.CommandLine.Option;

/** {@code --org-id}, else GEOPERA_ORG_ID, the profile's org_id or the local stack's. */
public final class OrgOption {
    @Option(names = "--org-id", paramLabel = "ORG", description = "Organisation id (env GEOPERA_ORG_ID).")
    String orgId;

    public String orgId(CommandContext context) {
        return orgId != null && !orgId.isBlank() ? orgId : context.config().require(Setting.ORG_ID, "--org-id");
    }
}
