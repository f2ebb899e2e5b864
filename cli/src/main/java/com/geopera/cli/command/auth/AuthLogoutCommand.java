package com.geopera.cli.command.auth;

import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.config.ProfileFile;
import com.geopera.cli.config.ResolvedConfig;
import com.geopera.cli.error.ExitCode;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code geopera auth logout}: forgets the stored session token (the api expires it by itself). */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Remove the session token from the profile.",
        footer = {"%nExample:", "  geopera auth logout --profile prod"})
public final class AuthLogoutCommand extends ApiCommand {
    @Override
    protected ExitCode execute(CommandContext context) {
        ResolvedConfig config = context.config();
        Map<String, String> removed = new HashMap<>();
        removed.put(ProfileFile.SESSION_TOKEN_KEY, null);
        removed.put(ProfileFile.SESSION_EXPIRES_AT_KEY, null);
        ProfileFile.load(config.profilePath()).update(config.profileName(), removed);
        context.renderer().confirmation("Session removed from profile '" + config.profileName() + "'.",
                context.json().createObjectNode().put("profile", config.profileName()).put("logged_out", true));
        return ExitCode.OK;
    }
}
