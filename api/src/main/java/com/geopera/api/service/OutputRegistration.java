package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.Job;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks registered outputs ({@code JobOutput} objects, from {@code job.register} and from a worker's COMPLETED
 * event): a unique URL-safe name and an href that is either an existing file of <em>this</em> attempt,
 * {@code <root>/<org>/<job>/<attempt>/…} (no {@code ..}, no symlink leading out), or an external {@code https://}
 * reference that is recorded but never served or deleted. Anything else is refused, so a job can never claim (and
 * later serve or delete) another job's or another org's files. The stored href stays the storage location; clients
 * get one the api serves.
 */
@ApplicationScoped
public class OutputRegistration {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Inject
    OutputDirectories storage;

    /** The outputs to store, adding a problem (pointer {@code /outputs/i/...}) for each thing wrong. */
    public ArrayNode check(Job job, int attempt, JsonNode outputs, List<ValidationProblem> problems) {
        ArrayNode accepted = Json.mapper().createArrayNode();
        if (outputs == null || outputs.isNull()) {
            return accepted;
        }
        if (!outputs.isArray()) {
            problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, "/outputs", "outputs must be an array"));
            return accepted;
        }
        Path prefix = storage.attemptDir(job, attempt);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            String at = "/outputs/" + i;
            if (!output.isObject()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at, "each output must be an object"));
                continue;
            }
            String name = output.path("name").isTextual() ? output.get("name").asText() : null;
            if (name == null || !NAME.matcher(name).matches()) {
                problems.add(new ValidationProblem(name == null ? InputErrorCodes.REQUIRED : InputErrorCodes.NOT_ALLOWED_VALUE,
                        at + "/name", "name must be 1-128 characters of letters, digits, '.', '_' or '-'"));
            } else if (!names.add(name)) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, at + "/name", "duplicate output name " + name));
            }
            String href = output.path("href").isTextual() ? output.get("href").asText() : null;
            Long fileSize = null;
            if (href == null) {
                problems.add(new ValidationProblem(InputErrorCodes.REQUIRED, at + "/href", "href is required"));
            } else {
                ValidationProblem wrong = OutputDirectories.isExternal(href) ? checkExternal(href, at + "/href")
                        : checkFile(href, prefix, at + "/href");
                if (wrong != null) {
                    problems.add(wrong);
                } else if (!OutputDirectories.isExternal(href)) {
                    fileSize = sizeOf(storage.resolve(href).orElseThrow());
                }
            }
            JsonNode size = output.get("size_bytes");
            if (size != null && !size.isNull() && !size.canConvertToLong()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at + "/size_bytes", "size_bytes must be an integer"));
            }
            JsonNode metadata = output.get("metadata");
            if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, at + "/metadata", "metadata must be an object"));
            }
            ObjectNode stored = Json.mapper().createObjectNode();
            stored.put("name", name);
            stored.put("href", href);
            stored.put("media_type", output.path("media_type").asText("application/octet-stream"));
            // A local file's size is what is on disk, not what the registrant says.
            stored.put("size_bytes", fileSize != null ? fileSize : size == null ? 0L : size.asLong(0L));
            stored.set("metadata", metadata == null || !metadata.isObject() ? Json.mapper().createObjectNode() : metadata);
            accepted.add(stored);
        }
        return accepted;
    }

    /** An {@code https://} reference with a host; recorded as given. */
    private static ValidationProblem checkExternal(String href, String pointer) {
        try {
            URI uri = new URI(href);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return new ValidationProblem(InputErrorCodes.OUTPUT_HREF_NOT_ALLOWED, pointer,
                        "an external output must be an https:// URL with a host and no credentials");
            }
            return null;
        } catch (URISyntaxException e) {
            return new ValidationProblem(InputErrorCodes.OUTPUT_HREF_NOT_ALLOWED, pointer, "not a valid URL: " + e.getReason());
        }
    }

    /** A file: URI (or absolute path) of an existing regular file inside the attempt's directory. */
    private ValidationProblem checkFile(String href, Path prefix, String pointer) {
        String scheme = schemeOf(href);
        if (scheme != null && !scheme.equalsIgnoreCase("file")) {
            return new ValidationProblem(InputErrorCodes.OUTPUT_HREF_NOT_ALLOWED, pointer, "href must be a file of the job ("
                    + prefix.toUri() + "…) or an external https:// URL, not " + scheme + ":");
        }
        String outside = "href must be a file inside this job's attempt directory " + prefix.toUri();
        for (String segment : href.split("[/\\\\]")) {
            if (segment.equals("..") || segment.equalsIgnoreCase("%2e%2e")) {
                return new ValidationProblem(InputErrorCodes.OUTPUT_OUTSIDE_JOB_PREFIX, pointer, "'..' is not allowed; " + outside);
            }
        }
        Path file = storage.resolve(href).orElse(null);
        if (file == null || !file.startsWith(prefix) || file.equals(prefix)) {
            return new ValidationProblem(InputErrorCodes.OUTPUT_OUTSIDE_JOB_PREFIX, pointer, outside);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return new ValidationProblem(InputErrorCodes.OUTPUT_NOT_FOUND, pointer, "no such file: " + file.toUri());
        }
        try {
            // A directory on the way may be a symlink: the real location must still be inside the real prefix.
            if (!file.toRealPath().startsWith(prefix.toRealPath())) {
                return new ValidationProblem(InputErrorCodes.OUTPUT_OUTSIDE_JOB_PREFIX, pointer, outside);
            }
        } catch (IOException e) {
            return new ValidationProblem(InputErrorCodes.OUTPUT_NOT_FOUND, pointer, "cannot read " + file.toUri());
        }
        return null;
    }

    private static String schemeOf(String href) {
        int colon = href.indexOf(':');
        if (colon <= 0 || href.startsWith("/")) {
            return null;
        }
        String scheme = href.substring(0, colon);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme : null;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0L;
        }
    }
}
