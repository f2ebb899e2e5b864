package com.geopera.imagery.input;

import com.geopera.common.error.InputErrorCodes;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an image URI into a path GDAL may open, or says why it may not: {@code file:} URIs must stay under an
 * input root (no {@code ..}, no symlink leading outside, checked on real paths, no GDAL virtual file system),
 * {@code http(s)://} URIs must pass {@link RemoteInputs} and are read through {@code /vsicurl/}; every other scheme
 * is refused.
 */
public final class InputResolver {
    private final List<Root> roots;
    private final RemoteInputs remote;
    private final long maxInputBytes;

    private record Root(Path lexical, Path real) {
        boolean contains(Path p) {
            return p.startsWith(lexical) || (real != null && p.startsWith(real));
        }
    }

    /**
     * A resolved input: the GDAL path to open, or the problem code and message for the caller; {@code detail} is what
     * only the log may see (a server's answer, a network error), because it tells whether a host or port answers.
     */
    public record Resolution(String gdalPath, String problemCode, String message, String detail) {
        public static Resolution ok(String gdalPath) {
            return new Resolution(gdalPath, null, null, null);
        }

        public static Resolution problem(String code, String message) {
            return new Resolution(null, code, message, null);
        }

        public static Resolution problem(String code, String message, String detail) {
            return new Resolution(null, code, message, detail);
        }

        public boolean isOk() {
            return gdalPath != null;
        }

        public boolean isRemote() {
            return gdalPath != null && gdalPath.startsWith("/vsicurl/");
        }
    }

    /** With remote inputs checked by the system resolver, loopback refused and a 30 s first-request timeout. */
    public InputResolver(List<Path> inputRoots, List<String> allowedHosts, long maxInputBytes) {
        this(inputRoots, new RemoteInputs(allowedHosts, false, java.time.Duration.ofSeconds(30)), maxInputBytes);
    }

    public InputResolver(List<Path> inputRoots, RemoteInputs remote, long maxInputBytes) {
        List<Root> r = new ArrayList<>();
        for (Path root : inputRoots) {
            Path lexical = root.toAbsolutePath().normalize();
            Path real = null;
            try {
                real = lexical.toRealPath();
            } catch (IOException e) {
                // a root that does not exist (yet) only matches lexically
            }
            r.add(new Root(lexical, real));
        }
        this.roots = List.copyOf(r);
        this.remote = remote;
        this.maxInputBytes = maxInputBytes;
    }

    public Resolution resolve(String uriText) {
        URI uri;
        try {
            uri = new URI(uriText.strip());
        } catch (URISyntaxException e) {
            return Resolution.problem(InputErrorCodes.TYPE_MISMATCH, "not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> resolveFile(uri);
            case "http", "https" -> resolveHttp(uri);
            default -> Resolution.problem(InputErrorCodes.URI_SCHEME_NOT_ALLOWED,
                    "only file: and http(s):// image URIs are accepted" + (scheme.isEmpty() ? "" : ", not " + scheme + ":"));
        };
    }

    private Resolution resolveHttp(URI uri) {
        return remote.check(uri);
    }

    private Resolution resolveFile(URI uri) {
        String pathText;
        if (uri.isOpaque()) {
            pathText = uri.getSchemeSpecificPart();
        } else {
            String authority = uri.getAuthority();
            if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                return Resolution.problem(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS, "file: URIs may not name a host");
            }
            pathText = uri.getPath();
        }
        if (pathText == null || pathText.isEmpty() || pathText.indexOf('\0') >= 0) {
            return Resolution.problem(InputErrorCodes.TYPE_MISMATCH, "the file: URI names no path");
        }
        if (pathText.startsWith("/vsi")) {
            // GDAL would read these as its own virtual file systems (/vsicurl/, /vsizip/, /vsimem/…), not as paths
            return Resolution.problem(InputErrorCodes.URI_SCHEME_NOT_ALLOWED, "GDAL virtual file system paths are not accepted");
        }
        for (String segment : pathText.split("/")) {
            if (segment.equals("..")) {
                return Resolution.problem(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS, "'..' is not allowed in image paths");
            }
        }
        Path candidate;
        try {
            candidate = locate(pathText).orElse(null);
        } catch (InvalidPathException e) {
            return Resolution.problem(InputErrorCodes.TYPE_MISMATCH, "not a valid path: " + e.getMessage());
        }
        if (candidate == null) {
            return Resolution.problem(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS, "the path is not under an input root");
        }
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            return Resolution.problem(InputErrorCodes.INPUT_NOT_FOUND, "no such file: " + pathText);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            // a dangling symlink: its target cannot be checked, so it cannot be trusted
            return Resolution.problem(InputErrorCodes.INPUT_NOT_FOUND, "no such file: " + pathText);
        }
        if (roots.stream().noneMatch(r -> r.real() != null && real.startsWith(r.real()))) {
            return Resolution.problem(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS,
                    "the path leads outside the input roots (symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            return Resolution.problem(InputErrorCodes.NOT_A_RASTER, "not a regular file: " + pathText);
        }
        if (maxInputBytes > 0) {
            try {
                if (Files.size(real) > maxInputBytes) {
                    return Resolution.problem(InputErrorCodes.OUT_OF_RANGE,
                            "the file is larger than the " + maxInputBytes + " bytes allowed");
                }
            } catch (IOException e) {
                return Resolution.problem(InputErrorCodes.INPUT_NOT_FOUND, "cannot read " + pathText);
            }
        }
        return Resolution.ok(real.toString());
    }

    /** An absolute path must lie under a root; a relative one is looked up under each root in turn. */
    private Optional<Path> locate(String pathText) {
        Path p = Path.of(pathText);
        if (p.isAbsolute()) {
            Path normal = p.normalize();
            return roots.stream().anyMatch(r -> r.contains(normal)) ? Optional.of(normal) : Optional.empty();
        }
        Path firstInside = null;
        for (Root r : roots) {
            Path c = r.lexical().resolve(p).normalize();
            if (!c.startsWith(r.lexical())) {
                continue;
            }
            if (Files.exists(c, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(c);
            }
            if (firstInside == null) {
                firstInside = c;
            }
        }
        return Optional.ofNullable(firstInside);
    }
}
