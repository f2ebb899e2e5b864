package com.geopera.cli.command.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RawResponse;
import com.geopera.cli.output.Column;
import com.geopera.cli.output.Section;
import com.geopera.cli.output.View;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code geopera ops health} → GET /q/health; exit 7 when the api reports DOWN. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "The api's health checks (database, Kafka); exit code 7 unless UP.",
        footer = {"%nExample:", "  geopera ops health --url http://127.0.0.1:8080"})
public final class OpsHealthCommand extends ApiCommand {
    private static final String HEALTH_PATH = "/q/health";
    private static final String UP = "UP";
    private static final View HEALTH = View.of("checks", List.of(Column.text("Status", "/status")))
            .withSections(List.of(new Section("Checks", "/checks",
                    List.of(Column.text("Name", "/name"), Column.text("Status", "/status")))));

    @Override
    protected ExitCode execute(CommandContext context) {
        RawResponse response = context.client(null).get(HEALTH_PATH);
        JsonNode health;
        try {
            health = context.json().readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.SERVER, "HTTP " + response.status() + " from " + HEALTH_PATH
                    + " without a health document");
        }
        context.renderer().object(health, HEALTH);
        return UP.equals(health.path("status").asText()) && response.isSuccess() ? ExitCode.OK : ExitCode.SERVER;
    }
}
