package com.geopera.cli.command.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code geopera ops workers} → ops.workers. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "The workers heard from recently: queues, slots, last heartbeat, version.",
        footer = {"%nExample:", "  geopera ops workers -o json"})
public final class OpsWorkersCommand extends OpsViewCommand {
    @Override
    protected void show(CommandContext context) {
        JsonNode answer = OpsCall.read(context, "ops.workers", context.json().createObjectNode());
        List<JsonNode> items = new ArrayList<>();
        answer.path("workers").forEach(items::add);
        context.renderer().list(answer, items, OpsViews.WORKERS);
    }
}
