package com.geopera.cli.command.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.config.ConfigValue;
import com.geopera.cli.config.ProfileFile;
import com.geopera.cli.config.ResolvedConfig;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.ApiException;
import com.geopera.cli.http.RequestOptions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code geopera auth logout} → auth.logout: the api revokes the stored session, then the profile forgets it. When
 * the api cannot be asked, the session is still forgotten locally, and the command says that it stays valid on the
 * server until it expires (exit 7), since a copied token would still work.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke the stored session on the api and remove it from the profile.",
        footer = {"%nExample:", "  geopera auth logout --profile prod"})
public final class AuthLogoutCommand extends ApiCommand {
    private static final String OPERATION = "auth.logout";
    private static final int HTTP_UNAUTHORIZED = 401;

    @Override
    protected ExitCode execute(CommandContext context) {
        ResolvedConfig config = context.config();
        ConfigValue session = config.session();
        String expiresAt = ProfileFile.load(config.profilePath()).profile(config.profileName())
                .get(ProfileFile.SESSION_EXPIRES_AT_KEY);
        CliException serverFailure = null;
        boolean revoked = false;
        if (session != null) {
            try {
                context.client(session.value()).call(OPERATION, context.json().createObjectNode(),
                        RequestOptions.read());
                revoked = true;
            } catch (ApiException refused) {
                // 401: the api no longer accepts the token (revoked or expired), which is what logout wants.
                if (refused.problem().status() != HTTP_UNAUTHORIZED) {
                    serverFailure = refused;
                }
            } catch (CliException unreachable) {
                serverFailure = unreachable;
            }
        }
        Map<String, String> removed = new HashMap<>();
        removed.put(ProfileFile.SESSION_TOKEN_KEY, null);
        removed.put(ProfileFile.SESSION_EXPIRES_AT_KEY, null);
        ProfileFile.load(config.profilePath()).update(config.profileName(), removed);
        ObjectNode document = context.json().createObjectNode().put("profile", config.profileName())
                .put("logged_out", true).put("revoked_on_server", revoked);
        if (serverFailure != null) {
            context.renderer().confirmation("Session removed from profile '" + config.profileName() + "'.", document);
            String until = expiresAt == null ? "it expires" : context.humanValues().time(expiresAt);
            throw new CliException(ExitCode.SERVER, "the api could not revoke the session (" + serverFailure.getMessage()
                    + "); it stays valid on the server until " + until, serverFailure);
        }
        String sentence = session == null ? "No session in profile '" + config.profileName() + "'."
                : (revoked ? "Logged out: the session was revoked on the api" : "Logged out: the api no longer accepted "
                        + "the session") + " and removed from profile '" + config.profileName() + "'.";
        context.renderer().confirmation(sentence, document);
        return ExitCode.OK;
    }
}
