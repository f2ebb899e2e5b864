package com.geopera.cli.command.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera ops audit} → ops.audit. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Operator actions (who, what, when), newest first.",
        footer = {"%nExample:", "  geopera ops audit --limit 20"})
public final class OpsAuditCommand extends ApiCommand {
    @Option(names = "--limit", paramLabel = "N", description = "Entries per page (default 100).")
    Integer limit;

    @Option(names = "--before-id", paramLabel = "ID", description = "Entries older than this audit id "
            + "(the next_before_id of the previous page).")
    Long beforeId;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode();
        if (limit != null) {
            body.put("limit", limit);
        }
        if (beforeId != null) {
            body.put("before_id", beforeId);
        }
        JsonNode answer = OpsCall.read(context, "ops.audit", body);
        List<JsonNode> items = new ArrayList<>();
        answer.path("entries").forEach(items::add);
        context.renderer().list(answer, items, OpsViews.AUDIT);
        return ExitCode.OK;
    }
}
