package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.TileJson;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.job.JobStatus;
import com.geopera.imagery.render.BandInfo;
import com.geopera.imagery.render.Colormaps;
import com.geopera.imagery.render.ImageFormat;
import com.geopera.imagery.render.RenderDefaults;
import com.geopera.imagery.render.RenderParams;
import com.geopera.imagery.render.RenderRequest;
import com.geopera.imagery.render.TileAddress;
import com.geopera.imagery.render.TileRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tiles, previews and TileJSON of the raster outputs of succeeded jobs: finds the output (org-scoped, confined to the
 * job's directory), reads every parameter at once (422 listing each bad one), names each image by a strong ETag
 * before drawing it, and has the imagery module's {@link TileRenderer} draw it. Tiles outside the output's bounds,
 * deeper than its max zoom plus {@code geopera.tiles.overzoom}, or outside the tile matrix are empty transparent
 * images (200), never errors.
 */
@ApplicationScoped
public class TileService {
    private static final String TIFF = "image/tiff";
    private static final int MIN_PREVIEW_SIZE = 16;
    private static final int DEFAULT_PREVIEW_SIZE = 1024;
    /** Query parameters that are render parameters, carried from a TileJSON request into its tile URLs. */
    private static final List<String> RENDER_QUERY = List.of("bidx", "rescale", "colormap", "resampling", "tilesize");

    @Inject
    JobService jobs;
    @Inject
    OutputDirectories storage;
    @Inject
    TileRenderer renderer;
    @Inject
    ApiConfig config;

    /** A raster output of a succeeded job, with what drawing it needs. */
    public record RasterOutput(Job job, String name, List<String> rasterNames, Path path, String href, long sizeBytes,
                               JsonNode metadata, List<BandInfo> bands, RenderParams defaults, double[] mercator,
                               int minZoom, int maxZoom) {
    }

    /** An image named by its ETag; {@code body} draws it (not called when the client already has it). */
    public record Image(String etag, String mediaType, boolean empty, Supplier<byte[]> body) {
    }

    /** The raster output {@code name} of the caller's job {@code jobId} (the first one when name is null). */
    public RasterOutput output(Caller caller, String jobId, String name) {
        Job job = jobs.get(caller, jobId);
        if (job.status() != JobStatus.SUCCEEDED || job.outputs == null || job.outputs.isEmpty()) {
            throw ApiProblem.of(ErrorCode.OUTPUT_NOT_READY, "job " + jobId + " is " + job.status().wireName()
                    + "; tiles exist for succeeded jobs");
        }
        if (job.outputsDeletedAt != null) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "the outputs of job " + jobId + " were deleted");
        }
        List<String> rasters = new ArrayList<>();
        JsonNode chosen = null;
        for (JsonNode output : job.outputs) {
            if (output.path("media_type").asText("").toLowerCase(Locale.ROOT).startsWith(TIFF)) {
                rasters.add(output.path("name").asText());
                if (chosen == null && (name == null || name.equals(output.path("name").asText()))) {
                    chosen = output;
                }
            }
        }
        if (chosen == null) {
            throw name == null
                    ? ApiProblem.invalid("not_allowed_value", "/job_id", "job " + jobId + " has no raster output to draw")
                    : ApiProblem.of(ErrorCode.NOT_FOUND, "job " + jobId + " has no raster output " + name);
        }
        String outputName = chosen.path("name").asText();
        String href = chosen.path("href").asText(null);
        if (OutputDirectories.isExternal(href)) {
            throw ApiProblem.of(ErrorCode.OUTPUT_EXTERNAL, "output " + outputName + " is stored at " + href
                    + "; it is not served by this API", Map.of("external_href", href));
        }
        Path path = storage.resolveInJob(job, href).filter(Files::isRegularFile)
                .orElseThrow(() -> ApiProblem.of(ErrorCode.NOT_FOUND, "the file of output " + outputName + " is gone"));
        JsonNode metadata = chosen.path("metadata");
        List<BandInfo> bands = BandInfo.of(metadata);
        if (bands.isEmpty()) {
            throw ApiProblem.invalid("not_allowed_value", "/output", "output " + outputName + " has no band metadata");
        }
        double[] mercator = null;
        JsonNode bbox = metadata.path("bbox");
        if (bbox.isArray() && bbox.size() == 4) {
            mercator = TileAddress.mercator(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
                    bbox.get(3).asDouble());
        }
        int minZoom = metadata.path("minzoom").asInt(0);
        int maxZoom = Math.max(minZoom, metadata.path("maxzoom").asInt(minZoom));
        return new RasterOutput(job, outputName, List.copyOf(rasters), path, href, chosen.path("size_bytes").asLong(),
                metadata, bands, RenderDefaults.of(metadata), mercator, minZoom, maxZoom);
    }

    /** Tile z/x/y of an output, with the render parameters of {@code query}. */
    public Image tile(Caller caller, String jobId, String z, String x, String y, String extension,
                      Map<String, List<String>> query) {
        RasterOutput output = output(caller, jobId, first(query, "output"));
        List<ValidationProblem> problems = new ArrayList<>();
        int[] zxy = {integer(z, "z", problems), integer(x, "x", problems), integer(y, "y", problems)};
        ImageFormat format = format(extension, problems);
        RenderParams params = render(query, output, problems);
        if (output.mercator() == null) {
            problems.add(new ValidationProblem("not_allowed_value", "/output", "output " + output.name()
                    + " has no CRS that maps to Web Mercator; use its preview"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        TileAddress tile = new TileAddress(zxy[0], zxy[1], zxy[2]);
        boolean empty = !tile.inMatrix() || tile.z() > output.maxZoom() + config.tiles().overzoom()
                || !tile.overlaps(output.mercator());
        String etag = etag(output, params.canonical(), format.extension(), "tile", tile.z() + "/" + tile.x() + "/" + tile.y());
        Supplier<byte[]> body = empty ? () -> TileRenderer.empty(params.tileSize(), format)
                : () -> renderer.tile(output.path().toString(), tile, params, format);
        return new Image(etag, format.mediaType(), empty, body);
    }

    /** The whole output, its longer side {@code max_size} pixels at most. */
    public Image preview(Caller caller, String jobId, String extension, Map<String, List<String>> query) {
        RasterOutput output = output(caller, jobId, first(query, "output"));
        List<ValidationProblem> problems = new ArrayList<>();
        ImageFormat format = format(extension, problems);
        RenderParams params = render(query, output, problems);
        String sizeText = first(query, "max_size");
        int maxSize = DEFAULT_PREVIEW_SIZE;
        if (sizeText != null) {
            maxSize = integer(sizeText, "max_size", problems);
            if (maxSize != Integer.MIN_VALUE && (maxSize < MIN_PREVIEW_SIZE || maxSize > config.tiles().maxPreviewSize())) {
                problems.add(new ValidationProblem(InputErrorCodes.OUT_OF_RANGE, "/query/max_size",
                        "max_size must be " + MIN_PREVIEW_SIZE + " to " + config.tiles().maxPreviewSize()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        int size = maxSize;
        String etag = etag(output, params.canonical(), format.extension(), "preview", Integer.toString(size));
        return new Image(etag, format.mediaType(), false,
                () -> renderer.preview(output.path().toString(), size, params, format));
    }

    /**
     * The TileJSON of an output: tile and preview URLs under {@code base} carrying {@code token} and the render
     * parameters the request named (validated; the others stay the output's defaults).
     */
    public TileJson tileJson(Caller caller, String jobId, Map<String, List<String>> query, String base,
                             TileTokens.Issued token) {
        RasterOutput output = output(caller, jobId, first(query, "output"));
        List<ValidationProblem> problems = new ArrayList<>();
        RenderParams params = render(query, output, problems);
        if (output.mercator() == null) {
            problems.add(new ValidationProblem("not_allowed_value", "/output", "output " + output.name()
                    + " has no CRS that maps to Web Mercator; use its preview"));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        Job job = output.job();
        StringBuilder q = new StringBuilder("?token=").append(encode(token.token()));
        if (first(query, "output") != null) {
            q.append("&output=").append(encode(output.name()));
        }
        for (String name : RENDER_QUERY) {
            for (String value : query.getOrDefault(name, List.of())) {
                q.append('&').append(name).append('=').append(encode(value));
            }
        }
        String jobBase = base + "v1/processing/jobs/" + encode(job.jobId) + "/";
        JsonNode bbox = output.metadata().path("bbox");
        List<Double> bounds = List.of(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
                bbox.get(3).asDouble());
        int centerZoom = Math.min(output.maxZoom(), output.minZoom());
        List<TileJson.Band> bands = new ArrayList<>();
        for (JsonNode band : output.metadata().path("bands")) {
            bands.add(new TileJson.Band(band.path("band").asInt(), band.path("data_type").asText(null),
                    band.get("nodata"), band.get("statistics")));
        }
        TileJson.JobSummary summary = new TileJson.JobSummary(job.jobId, job.title, job.status().wireName(),
                job.processId, job.finishedAt, new TileJson.Billing(job.billing().status().wireName(),
                job.estimatedCredits, job.billing().reservedCredits(), job.billing().chargedCredits(),
                job.billing().releasedCredits()));
        return new TileJson("3.0.0", job.title == null ? job.jobId + " " + output.name() : job.title, "xyz",
                List.of(jobBase + "tiles/{z}/{x}/{y}.png" + q), bounds,
                List.of((bounds.get(0) + bounds.get(2)) / 2, (bounds.get(1) + bounds.get(3)) / 2, centerZoom),
                output.minZoom(), output.maxZoom(), output.name(), output.rasterNames(),
                output.metadata().get("crs"), bands, Colormaps.names(),
                Arrays.stream(ImageFormat.values()).map(ImageFormat::extension).toList(), RenderRequest.TILE_SIZES,
                Arrays.stream(RenderParams.Resampling.values()).map(RenderParams.Resampling::gdalName).toList(),
                RenderDefaults.toMetadata(output.defaults()), RenderDefaults.toMetadata(params),
                jobBase + "preview.png" + q, jobBase + "map" + q, jobBase + "tilejson.json" + q, token.expiresAt(),
                summary);
    }

    private RenderParams render(Map<String, List<String>> query, RasterOutput output, List<ValidationProblem> problems) {
        try {
            return RenderRequest.parse(query, output.defaults(), output.bands());
        } catch (RenderRequest.InvalidRenderParams e) {
            problems.addAll(e.problems());
            return output.defaults();
        }
    }

    private static ImageFormat format(String extension, List<ValidationProblem> problems) {
        ImageFormat format = ImageFormat.ofExtension(extension);
        if (format == null) {
            problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/path/format",
                    "the image format is png, webp or jpg"));
            return ImageFormat.PNG;
        }
        return format;
    }

    private static int integer(String text, String name, List<ValidationProblem> problems) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH,
                    (name.length() == 1 ? "/path/" : "/query/") + name, name + " must be a whole number"));
            return Integer.MIN_VALUE;
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Strong: the same output file, renderer version, parameters, format and image always give the same bytes. */
    private static String etag(RasterOutput output, String params, String format, String kind, String where) {
        String identity = String.join("\u0000", output.job().jobId, output.name(), String.valueOf(output.href()),
                Long.toString(output.sizeBytes()), TileRenderer.VERSION, params, format, kind, where);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
