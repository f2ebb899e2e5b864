package com.geopera.api.service;

import com.geopera.api.config.ApiConfig;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;

/**
 * Drawn tiles and previews by their strong ETag, bounded in bytes ({@code geopera.tiles.image-cache-mb}). A map
 * asks for the same tiles again whenever a user pans back, reloads or opens the map page a second time, and a tile
 * costs ~10–30 ms of CPU to draw; an ETag names the output file, renderer version, parameters, format and place,
 * and outputs never change, so the bytes kept are the bytes a new drawing would give. Looked up only after the
 * caller was authorised for the job, so a cached image never crosses orgs.
 */
@ApplicationScoped
public class DrawnImages {
    private static final int BYTES_PER_MIB = 1024 * 1024;

    private final Cache<String, byte[]> images;

    @Inject
    public DrawnImages(ApiConfig config) {
        long maxBytes = (long) config.tiles().imageCacheMb() * BYTES_PER_MIB;
        this.images = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String etag, byte[] image) -> etag.length() + image.length).build();
    }

    /**
     * The image named {@code etag}: the kept bytes, or {@code draw}'s, kept for the next caller. Drawn outside the
     * cache's lock (two concurrent first requests for one tile both draw it) so a slow drawing never holds up other
     * tiles.
     */
    public byte[] get(String etag, Supplier<byte[]> draw) {
        byte[] kept = images.getIfPresent(etag);
        if (kept != null) {
            return kept;
        }
        byte[] drawn = draw.get();
        images.put(etag, drawn);
        return drawn;
    }

    /** How many images are kept now (for tests and the operators' view). */
    public long size() {
        images.cleanUp();
        return images.estimatedSize();
    }
}
