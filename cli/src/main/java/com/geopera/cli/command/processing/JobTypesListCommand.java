package com.geopera.cli.command.processing;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.command.Lists;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera processing job-types list} → processing.job_types.list. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List processing job types.",
        footer = {"%nExample:", "  geopera processing job-types list --category terrain"})
public final class JobTypesListCommand extends ApiCommand {
    private static final String OPERATION = "processing.job_types.list";

    @Option(names = "--category", paramLabel = "CATEGORY", description = "Only job types of this category.")
    String category;

    @Override
    protected ExitCode execute(CommandContext context) {
        var body = context.json().createObjectNode();
        if (category != null) {
            body.put("category", category);
        }
        return Lists.show(context, context.processingClient(true), OPERATION, body, Views.generic("job types"));
    }
}
