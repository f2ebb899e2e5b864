package com.geopera.cli.command.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera ops queues} → ops.queues. */
@Command(name = "queues", mixinStandardHelpOptions = true,
        description = "Every worker queue: backlog, oldest queued job, throughput, live workers.",
        footer = {"%nExample:", "  geopera ops queues --watch"})
public final class OpsQueuesCommand extends OpsViewCommand {
    @Option(names = "--queue", paramLabel = "NAME", description = "Only this queue.")
    String queue;

    @Override
    protected void show(CommandContext context) {
        var body = context.json().createObjectNode();
        if (queue != null) {
            body.put("queue", queue);
        }
        JsonNode answer = OpsCall.read(context, "ops.queues", body);
        List<JsonNode> items = new ArrayList<>();
        answer.path("queues").forEach(items::add);
        context.renderer().list(answer, items, OpsViews.QUEUES);
    }
}
