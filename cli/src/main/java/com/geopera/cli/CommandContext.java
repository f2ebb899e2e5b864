package com.geopera.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.geopera.cli.config.ConfigResolver;
import com.geopera.cli.config.ConfigValue;
import com.geopera.cli.config.ResolvedConfig;
import com.geopera.cli.config.Setting;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.follow.PlainProgressLines;
import com.geopera.cli.follow.ProgressReporter;
import com.geopera.cli.follow.TerminalProgressBar;
import com.geopera.cli.http.ApiClient;
import com.geopera.cli.input.InputParser;
import com.geopera.cli.output.HumanRenderer;
import com.geopera.cli.output.HumanValues;
import com.geopera.cli.output.JsonRenderer;
import com.geopera.cli.output.NdjsonRenderer;
import com.geopera.cli.output.OutputFormat;
import com.geopera.cli.output.Renderer;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** What commands work with: the resolved configuration, API clients, the renderer of the chosen format. */
public final class CommandContext {
    private final CliEnvironment environment;
    private final GlobalOptions options;
    private ResolvedConfig config;

    CommandContext(CliEnvironment environment, GlobalOptions options) {
        this.environment = environment;
        this.options = options;
    }

    public CliEnvironment environment() {
        return environment;
    }

    public ObjectMapper json() {
        return CliJson.mapper();
    }

    public OutputFormat outputFormat() {
        return options.output;
    }

    public ConfigResolver resolver() {
        return new ConfigResolver(environment.variables(), environment.workingDir(), environment.homeDir(),
                environment.clock());
    }

    /** The configuration, resolved once per run. */
    public ResolvedConfig config() {
        if (config == null) {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            putIfSet(flags, Setting.URL, options.url);
            putIfSet(flags, Setting.API_KEY, options.apiKey);
            putIfSet(flags, Setting.ADMIN_KEY, options.adminKey);
            putIfSet(flags, Setting.OPS_KEY, options.opsKey);
            putIfSet(flags, Setting.WORKSPACE_ID, options.workspaceId);
            putIfSet(flags, Setting.PROJECT_ID, options.projectId);
            config = resolver().resolve(flags, options.profile);
        }
        return config;
    }

    /** A client for processing operations; {@code credentialRequired} false for the public catalog. */
    public ApiClient processingClient(boolean credentialRequired) {
        Optional<ConfigValue> credential = config().processingCredential();
        if (credential.isEmpty() && credentialRequired) {
            throw new CliException(ExitCode.AUTH, "no credentials: pass --api-key, set GEOPERA_API_KEY, or run "
                    + "geopera auth login");
        }
        return client(credential.map(ConfigValue::value).orElse(null));
    }

    /** A client for admin operations, authenticated with the admin key. */
    public ApiClient adminClient() {
        String credential = config().adminCredential().map(ConfigValue::value).orElseThrow(() -> new CliException(
                ExitCode.AUTH, "no admin credentials: pass --admin-key or set GEOPERA_ADMIN_KEY"));
        return client(credential);
    }

    /** A client for operator commands, authenticated with the operator key (or the admin key). */
    public ApiClient opsClient() {
        String credential = config().opsCredential().map(ConfigValue::value).orElseThrow(() -> new CliException(
                ExitCode.AUTH, "no operator credentials: pass --ops-key or set GEOPERA_OPS_KEY (or an admin key)"));
        return client(credential);
    }

    /** A client that sends the given token (or none). */
    public ApiClient client(String token) {
        URI url;
        try {
            url = URI.create(config().url());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "not a URL: " + config().url());
        }
        return new ApiClient(url, token, json(), environment.sleeper());
    }

    public InputParser inputParser() {
        return new InputParser(json(), environment.workingDir());
    }

    public HumanValues humanValues() {
        return new HumanValues(environment.clock());
    }

    public Renderer renderer() {
        return switch (options.output) {
            case HUMAN -> new HumanRenderer(environment.out(), environment.err(), humanValues());
            case JSON -> new JsonRenderer(environment.out(), environment.err(), json());
            case NDJSON -> new NdjsonRenderer(environment.out(), environment.err(), json());
        };
    }

    /** A progress bar on a terminal, plain lines otherwise (logs, CI, pipes). */
    public ProgressReporter progressReporter() {
        return environment.interactiveTerminal()
                ? new TerminalProgressBar(environment.err(), environment.clock())
                : new PlainProgressLines(environment.err());
    }

    private static void putIfSet(Map<Setting, String> flags, Setting setting, String value) {
        if (value != null && !value.isBlank()) {
            flags.put(setting, value);
        }
    }
}
