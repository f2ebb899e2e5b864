package com.geopera.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void new_tokens_carry_the_prefix_a_lookup_and_a_long_random_secret() {
        String token = Tokens.newToken(Tokens.API_KEY_PREFIX);
        assertThat(token).startsWith("gpra_").hasSizeGreaterThanOrEqualTo(5 + 12 + 43);
        assertThat(Tokens.wellFormed(token, Tokens.API_KEY_PREFIX)).isTrue();
        assertThat(Tokens.wellFormed(token, Tokens.SESSION_PREFIX)).isFalse();
        assertThat(Tokens.lookup(token)).hasSize(12).isEqualTo(token.substring(5, 17));
    }

    @Test
    void tokens_never_repeat_and_only_the_exact_token_matches_its_hash() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(Tokens.newToken(Tokens.SESSION_PREFIX))).isTrue();
        }
        String token = Tokens.newToken(Tokens.API_KEY_PREFIX);
        byte[] hash = Tokens.hash(token);
        assertThat(Tokens.matches(token, hash)).isTrue();
        assertThat(Tokens.matches(token + "x", hash)).isFalse();
        assertThat(Tokens.matches(token.substring(0, token.length() - 1), hash)).isFalse();
    }

    @Test
    void short_or_foreign_tokens_are_not_well_formed() {
        assertThat(Tokens.wellFormed("gpra_short", Tokens.API_KEY_PREFIX)).isFalse();
        assertThat(Tokens.wellFormed(null, Tokens.API_KEY_PREFIX)).isFalse();
        assertThat(Tokens.wellFormed("Bearer gpra_" + "x".repeat(40), Tokens.API_KEY_PREFIX)).isFalse();
    }
}
