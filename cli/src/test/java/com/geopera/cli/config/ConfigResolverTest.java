package com.geopera.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.geopera.cli.error.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path root;
    Path home;
    Path work;
    final Map<String, String> env = new HashMap<>();
    final Map<Setting, String> flags = new EnumMap<>(Setting.class);

    @BeforeEach
    void directories() throws IOException {
        home = Files.createDirectories(root.resolve("home"));
        work = Files.createDirectories(root.resolve("repo/sub/dir"));
    }

    private ResolvedConfig resolve() {
        return resolve(null);
    }

    private ResolvedConfig resolve(String profile) {
        return new ConfigResolver(env, work, home, Clock.fixed(NOW, ZoneOffset.UTC)).resolve(flags, profile);
    }

    private void localEnv(String text) throws IOException {
        Files.createDirectories(root.resolve("repo/.geopera"));
        Files.writeString(root.resolve("repo/.geopera/local.env"), text);
    }

    private void profileFile(String text) throws IOException {
        Files.createDirectories(home.resolve(".config/geopera"));
        Files.writeString(home.resolve(".config/geopera/config"), text);
    }

    @Test
    void the_local_stack_env_file_is_found_by_walking_up_from_the_working_directory() throws IOException {
        localEnv("GEOPERA_URL=http://127.0.0.1:9999\nGEOPERA_API_KEY=gpra_local\nGEOPERA_WORKSPACE_ID=ws_local\n");

        ResolvedConfig config = resolve();

        assertThat(config.url()).isEqualTo("http://127.0.0.1:9999");
        assertThat(config.get(Setting.URL).orElseThrow().source()).isEqualTo(Source.LOCAL_STACK);
        assertThat(config.processingCredential().orElseThrow().value()).isEqualTo("gpra_local");
        assertThat(config.get(Setting.WORKSPACE_ID).orElseThrow().value()).isEqualTo("ws_local");
    }

    @Test
    void the_profile_file_beats_the_local_stack() throws IOException {
        localEnv("GEOPERA_URL=http://local:1\nGEOPERA_API_KEY=gpra_local\n");
        profileFile("[default]\nurl = http://profile:2\napi_key = gpra_profile\n");

        ResolvedConfig config = resolve();

        assertThat(config.url()).isEqualTo("http://profile:2");
        assertThat(config.processingCredential().orElseThrow().value()).isEqualTo("gpra_profile");
    }

    @Test
    void the_environment_beats_the_profile_file() throws IOException {
        profileFile("url = http://profile:2\napi_key = gpra_profile\n");
        env.put("GEOPERA_URL", "http://env:3");
        env.put("GEOPERA_API_KEY", "gpra_env");

        ResolvedConfig config = resolve();

        assertThat(config.url()).isEqualTo("http://env:3");
        assertThat(config.get(Setting.URL).orElseThrow().source()).isEqualTo(Source.ENVIRONMENT);
        assertThat(config.processingCredential().orElseThrow().value()).isEqualTo("gpra_env");
    }

    @Test
    void flags_beat_everything() throws IOException {
        localEnv("GEOPERA_URL=http://local:1\n");
        profileFile("url = http://profile:2\n");
        env.put("GEOPERA_URL", "http://env:3");
        flags.put(Setting.URL, "http://flag:4");

        assertThat(resolve().url()).isEqualTo("http://flag:4");
        assertThat(resolve().get(Setting.URL).orElseThrow().source()).isEqualTo(Source.FLAG);
    }

    @Test
    void without_any_configuration_the_local_stack_url_is_the_default_and_no_credential_is_found() {
        ResolvedConfig config = resolve();

        assertThat(config.url()).isEqualTo(ConfigResolver.DEFAULT_URL);
        assertThat(config.processingCredential()).isEmpty();
        assertThat(config.adminCredential()).isEmpty();
    }

    @Test
    void the_session_of_auth_login_beats_stored_api_keys_but_not_an_explicit_one() throws IOException {
        localEnv("GEOPERA_API_KEY=gpra_local\n");
        profileFile("api_key = gpra_profile\nsession_token = gps_session\nsession_expires_at = 2026-11-25T13:00:00Z\n");

        assertThat(resolve().processingCredential().orElseThrow().value()).isEqualTo("gps_session");
        assertThat(resolve().loginKey().orElseThrow().value()).isEqualTo("gpra_profile");

        env.put("GEOPERA_API_KEY", "gpra_env");
        assertThat(resolve().processingCredential().orElseThrow().value()).isEqualTo("gpra_env");
    }

    @Test
    void an_expired_session_is_not_used() throws IOException {
        profileFile("api_key = gpra_profile\nsession_token = gps_old\nsession_expires_at = 2026-11-25T11:59:59Z\n");

        assertThat(resolve().processingCredential().orElseThrow().value()).isEqualTo("gpra_profile");
    }

    @Test
    void a_named_profile_is_chosen_by_flag_or_by_the_environment() throws IOException {
        profileFile("url = http://default:1\n[prod]\nurl = https://prod.example\n[staging]\nurl = https://staging\n");

        assertThat(resolve().url()).isEqualTo("http://default:1");
        assertThat(resolve("prod").url()).isEqualTo("https://prod.example");
        env.put(ConfigResolver.PROFILE_ENV, "staging");
        assertThat(resolve().url()).isEqualTo("https://staging");
        assertThat(resolve("prod").url()).isEqualTo("https://prod.example");
    }

    @Test
    void the_profile_file_location_follows_geopera_config_then_xdg_config_home() {
        ConfigResolver resolver = new ConfigResolver(env, work, home, Clock.systemUTC());
        assertThat(resolver.profilePath()).isEqualTo(home.resolve(".config/geopera/config"));
        env.put("XDG_CONFIG_HOME", "/xdg");
        assertThat(new ConfigResolver(env, work, home, Clock.systemUTC()).profilePath())
                .isEqualTo(Path.of("/xdg/geopera/config"));
        env.put(ConfigResolver.CONFIG_FILE_ENV, "/etc/geopera.conf");
        assertThat(new ConfigResolver(env, work, home, Clock.systemUTC()).profilePath())
                .isEqualTo(Path.of("/etc/geopera.conf"));
    }

    @Test
    void admin_commands_use_the_admin_key_and_fall_back_to_the_api_key() throws IOException {
        localEnv("GEOPERA_ADMIN_KEY=gpra_admin\nGEOPERA_API_KEY=gpra_user\n");
        assertThat(resolve().adminCredential().orElseThrow().value()).isEqualTo("gpra_admin");
        assertThat(resolve().processingCredential().orElseThrow().value()).isEqualTo("gpra_user");

        localEnv("GEOPERA_API_KEY=gpra_user\n");
        assertThat(resolve().adminCredential().orElseThrow().value()).isEqualTo("gpra_user");
    }

    @Test
    void the_api_bootstrap_key_name_is_understood_in_the_local_env_file() throws IOException {
        localEnv("GEOPERA_ADMIN_BOOTSTRAP_KEY=gpra_boot\n");

        assertThat(resolve().adminCredential().orElseThrow().value()).isEqualTo("gpra_boot");
    }

    @Test
    void a_missing_required_value_names_the_flag_and_the_variable() {
        assertThatThrownBy(() -> resolve().require(Setting.WORKSPACE_ID, "--workspace-id"))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--workspace-id").hasMessageContaining("GEOPERA_WORKSPACE_ID");
    }
}
