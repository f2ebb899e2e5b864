package com.geopera.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.config.ConfigValue;
import com.geopera.cli.config.ResolvedConfig;
import com.geopera.cli.config.Setting;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.output.Column;
import com.geopera.cli.output.ListItems;
import com.geopera.cli.output.View;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code geopera config}: shows the configuration a command would run with. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "The resolved configuration.",
        subcommands = ConfigCommand.Show.class, footer = {"%nExample:", "  geopera config show"})
public final class ConfigCommand extends GroupCommand {

    /** {@code geopera config show}: every setting, where it came from; secrets shortened. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show each setting and its source (flag, environment, profile, local stack, default).",
            footer = {"%nExample:", "  geopera config show --profile prod"})
    public static final class Show extends ApiCommand {
        private static final int VISIBLE_SECRET_CHARS = 9;
        private static final View SETTINGS = View.of("settings", List.of(Column.text("Setting", "/setting"),
                Column.text("Value", "/value"), Column.text("Source", "/source"), Column.text("From", "/from")));

        @Override
        protected ExitCode execute(CommandContext context) {
            ResolvedConfig config = context.config();
            var rows = context.json().createArrayNode();
            for (Setting setting : Setting.values()) {
                config.get(setting).ifPresent(value -> rows.add(row(context, setting.profileKey(), value,
                        isSecret(setting))));
            }
            if (config.session() != null) {
                rows.add(row(context, "session_token", config.session(), true));
            }
            config.processingCredential().ifPresent(value -> rows.add(row(context, "credential (processing)",
                    value, true)));
            ObjectNode answer = context.json().createObjectNode().put("profile", config.profileName())
                    .put("profile_file", config.profilePath().toString());
            answer.set("settings", rows);
            context.renderer().list(answer, ListItems.of(rows), SETTINGS);
            return ExitCode.OK;
        }

        private static ObjectNode row(CommandContext context, String name, ConfigValue value, boolean secret) {
            return context.json().createObjectNode().put("setting", name)
                    .put("value", secret ? shorten(value.value()) : value.value())
                    .put("source", value.source().name().toLowerCase(Locale.ROOT)).put("from", value.origin());
        }

        private static boolean isSecret(Setting setting) {
            return setting == Setting.API_KEY || setting == Setting.ADMIN_KEY || setting == Setting.OPS_KEY;
        }

        private static String shorten(String secret) {
            return secret.length() <= VISIBLE_SECRET_CHARS ? "…" : secret.substring(0, VISIBLE_SECRET_CHARS) + "…";
        }
    }
}
