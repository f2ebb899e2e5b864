package com.geopera.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyValueFileTest {
    @Test
    void shell_syntax_lines_are_read_with_quotes_exports_and_comments() {
        var values = KeyValueFile.parse("""
                # The local stack (deploy/local/up). Shell syntax: set -a; . .geopera/local.env; set +a
                GEOPERA_URL=http://127.0.0.1:8080
                export GEOPERA_API_KEY='gpra_abc'
                GEOPERA_ORG_ID="org_1 \\"x\\""
                GEOPERA_PROJECT_ID=prj_1 # trailing comment

                not a setting
                GEOPERA_EMPTY=
                """);

        assertThat(values).containsEntry("GEOPERA_URL", "http://127.0.0.1:8080")
                .containsEntry("GEOPERA_API_KEY", "gpra_abc")
                .containsEntry("GEOPERA_ORG_ID", "org_1 \"x\"")
                .containsEntry("GEOPERA_PROJECT_ID", "prj_1")
                .containsEntry("GEOPERA_EMPTY", "")
                .hasSize(5);
    }

    @Test
    void the_last_line_for_a_key_wins_as_in_the_shell() {
        assertThat(KeyValueFile.parse("A=1\nA=2\n")).containsEntry("A", "2");
    }
}
