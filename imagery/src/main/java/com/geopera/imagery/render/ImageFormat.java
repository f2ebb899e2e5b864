package com.geopera.imagery.render;

import java.util.Locale;

/** The image formats tiles and previews are encoded in, by file extension. */
public enum ImageFormat {
    PNG("image/png", true), WEBP("image/webp", true), JPG("image/jpeg", false);

    private final String mediaType;
    private final boolean alpha;

    ImageFormat(String mediaType, boolean alpha) {
        this.mediaType = mediaType;
        this.alpha = alpha;
    }

    public String mediaType() {
        return mediaType;
    }

    /** False for JPEG: transparent pixels become black. */
    public boolean hasAlpha() {
        return alpha;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of an extension ({@code png}, {@code webp}, {@code jpg}/{@code jpeg}), or null. */
    public static ImageFormat ofExtension(String extension) {
        return switch (extension == null ? "" : extension.toLowerCase(Locale.ROOT)) {
            case "png" -> PNG;
            case "webp" -> WEBP;
            case "jpg", "jpeg" -> JPG;
            default -> null;
        };
    }
}
