package com.geopera.api.rest;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.ListCursors;
import com.geopera.api.mapping.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The process's one signing key, made once from {@code geopera.jobs.cursor-secret} (or a random key), and the list
 * cursors signed with it; tile tokens ({@code service.TileTokens}) are signed with the same key.
 */
@ApplicationScoped
public class CursorSigner {
    private final SigningKey key;
    private final ListCursors cursors;

    @Inject
    public CursorSigner(ApiConfig config) {
        this.key = SigningKey.of(config.jobs().cursorSecret());
        this.cursors = new ListCursors(key);
    }

    public SigningKey key() {
        return key;
    }

    public ListCursors get() {
        return cursors;
    }
}
