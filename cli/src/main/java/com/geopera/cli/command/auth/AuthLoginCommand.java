package com.geopera.cli.command.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CommandContext;
import com.geopera.cli.command.ApiCommand;
import com.geopera.cli.config.ConfigValue;
import com.geopera.cli.config.ProfileFile;
import com.geopera.cli.config.ResolvedConfig;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.RequestOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geopera auth login} → auth.sessions.create; the session token goes into the profile. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Open a session with an API key and store its token in the profile; later commands use it "
                + "unless --api-key or GEOPERA_API_KEY is given.",
        footer = {"%nExample:", "  geopera auth login --api-key gpra_… --profile prod"})
public final class AuthLoginCommand extends ApiCommand {
    private static final String OPERATION = "auth.sessions.create";
    /** Members the api may name the token with, most likely first. */
    private static final List<String> TOKEN_FIELDS = List.of("token", "session_token", "access_token");

    @Option(names = "--scope", split = ",", paramLabel = "SCOPE",
            description = "Ask for fewer scopes than the key has (repeatable or comma-separated).")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "Session lifetime in seconds (the api caps it; default: the api's).")
    Integer ttlSeconds;

    @Override
    protected ExitCode execute(CommandContext context) {
        ResolvedConfig config = context.config();
        String apiKey = config.loginKey().map(ConfigValue::value).orElseThrow(() -> new CliException(ExitCode.AUTH,
                "no API key to log in with: pass --api-key or set GEOPERA_API_KEY"));
        var body = context.json().createObjectNode();
        if (!scopes.isEmpty()) {
            scopes.forEach(body.putArray("scopes")::add);
        }
        if (ttlSeconds != null) {
            body.put("ttl_seconds", ttlSeconds);
        }
        JsonNode answer = context.client(apiKey).call(OPERATION, body, RequestOptions.once()).body();
        String token = TOKEN_FIELDS.stream().map(answer::path).filter(JsonNode::isTextual).map(JsonNode::asText)
                .findFirst().orElseThrow(() -> new CliException(ExitCode.SERVER,
                        "the api's session answer holds no token: " + answer));
        String expiresAt = answer.path("expires_at").isTextual() ? answer.get("expires_at").asText() : null;
        Map<String, String> session = new HashMap<>();
        session.put(ProfileFile.SESSION_TOKEN_KEY, token);
        session.put(ProfileFile.SESSION_EXPIRES_AT_KEY, expiresAt);
        ProfileFile.load(config.profilePath()).update(config.profileName(), session);
        String until = expiresAt == null ? "" : ", valid until " + context.humanValues().time(expiresAt);
        context.renderer().confirmation("Logged in: session stored in profile '" + config.profileName() + "' ("
                + config.profilePath() + ")" + until + ".", answer);
        return ExitCode.OK;
    }
}
