package com.geopera.api.rest;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.ListCursors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The process's one list-cursor signer, keyed once from {@code geopera.jobs.cursor-secret} (or a random key). */
@ApplicationScoped
public class CursorSigner {
    private final ListCursors cursors;

    @Inject
    public CursorSigner(ApiConfig config) {
        this.cursors = ListCursors.of(config.jobs().cursorSecret());
    }

    public ListCursors get() {
        return cursors;
    }
}
