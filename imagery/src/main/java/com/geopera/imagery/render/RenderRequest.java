package com.geopera.imagery.render;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.imagery.render.RenderParams.Range;
import com.geopera.imagery.render.RenderParams.Resampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the render parameters of a tile or preview request ({@code bidx}, {@code rescale}, {@code colormap},
 * {@code resampling}, {@code tilesize}) over an output's defaults, collecting every problem at once (pointers
 * {@code /query/<name>}). Other query parameters are not this class's business and are ignored.
 *
 * <p>When {@code bidx} changes the bands, each band's default range is its own 2nd–98th percentile, and the default
 * colormap is kept only for the default band.
 */
public final class RenderRequest {
    public static final List<Integer> TILE_SIZES = List.of(256, 512);
    private static final int MAX_BANDS_ASKED = 3;

    private RenderRequest() {
    }

    /** Thrown with every problem of a request's render parameters. */
    public static final class InvalidRenderParams extends RuntimeException {
        private final transient List<ValidationProblem> problems;

        public InvalidRenderParams(List<ValidationProblem> problems) {
            super(problems.size() + " invalid render parameters", null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<ValidationProblem> problems() {
            return problems;
        }
    }

    /**
     * The parameters asked for, each absent one taken from {@code defaults}.
     *
     * @throws InvalidRenderParams listing every bad parameter
     */
    public static RenderParams parse(Map<String, List<String>> query, RenderParams defaults, List<BandInfo> info) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<Integer> bidx = bidx(one(query, "bidx", problems), info.size(), problems);
        List<Range> rescale = rescale(query.getOrDefault("rescale", List.of()), problems);
        String colormap = one(query, "colormap", problems);
        String resamplingName = one(query, "resampling", problems);
        String tileSizeText = one(query, "tilesize", problems);

        List<Integer> bands = bidx == null ? defaults.bidx() : bidx;
        if (colormap != null) {
            if (!Colormaps.exists(colormap)) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/colormap",
                        "colormap must be one of " + Colormaps.names()));
            } else if (bands.size() != 1) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/colormap",
                        "a colormap draws one band; bidx names " + bands.size()));
            }
        }
        if (rescale != null && rescale.size() != 1 && rescale.size() != bands.size()) {
            problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/rescale",
                    "give one rescale range for all bands or one per band (" + bands.size() + ")"));
        }
        Resampling resampling = defaults.resampling();
        if (resamplingName != null) {
            resampling = Resampling.of(resamplingName);
            if (resampling == null) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/resampling",
                        "resampling must be nearest, bilinear or cubic"));
            }
        }
        int tileSize = defaults.tileSize();
        if (tileSizeText != null) {
            tileSize = TILE_SIZES.stream().filter(s -> s.toString().equals(tileSizeText)).findFirst().orElse(-1);
            if (tileSize < 0) {
                problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/tilesize",
                        "tilesize must be 256 or 512"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRenderParams(problems);
        }
        boolean sameBands = bands.equals(defaults.bidx());
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            if (rescale != null) {
                ranges.add(rescale.size() == 1 ? rescale.get(0) : rescale.get(i));
            } else if (sameBands) {
                ranges.add(defaults.rescale().get(i));
            } else {
                ranges.add(bands.size() == 1 && bands.get(0).equals(defaults.bidx().get(0))
                        ? defaults.rescale().get(0) : info.get(bands.get(i) - 1).stretch());
            }
        }
        String map = colormap != null ? colormap
                : bands.size() == 1 && bands.get(0).equals(defaults.bidx().get(0)) ? defaults.colormap() : null;
        return new RenderParams(bands, ranges, map, resampling, tileSize);
    }

    private static String one(Map<String, List<String>> query, String name, List<ValidationProblem> problems) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/" + name,
                    name + " may be given once"));
            return null;
        }
        String v = values.get(0).trim();
        if (v.isEmpty()) {
            problems.add(new ValidationProblem(InputErrorCodes.REQUIRED, "/query/" + name, name + " is empty"));
            return null;
        }
        return v;
    }

    private static List<Integer> bidx(String text, int bandCount, List<ValidationProblem> problems) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",", -1);
        List<Integer> bands = new ArrayList<>();
        for (String part : parts) {
            int band;
            try {
                band = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, "/query/bidx",
                        "bidx is a comma-separated list of band numbers, e.g. 4,3,2"));
                return null;
            }
            if (band < 1 || band > bandCount) {
                problems.add(new ValidationProblem(InputErrorCodes.BAND_OUT_OF_RANGE, "/query/bidx",
                        "band " + band + " does not exist; the output has bands 1 to " + bandCount));
                return null;
            }
            bands.add(band);
        }
        if (bands.size() != 1 && bands.size() != MAX_BANDS_ASKED) {
            problems.add(new ValidationProblem(InputErrorCodes.NOT_ALLOWED_VALUE, "/query/bidx",
                    "bidx names one band (greyscale or colormap) or three (red, green, blue)"));
            return null;
        }
        return bands;
    }

    private static List<Range> rescale(List<String> values, List<ValidationProblem> problems) {
        if (values.isEmpty()) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.split(",", -1);
            double min;
            double max;
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                min = Double.parseDouble(parts[0].trim());
                max = Double.parseDouble(parts[1].trim());
            } catch (NumberFormatException e) {
                problems.add(new ValidationProblem(InputErrorCodes.TYPE_MISMATCH, "/query/rescale",
                        "rescale is min,max (two numbers), e.g. 0,3000; got '" + clip(value) + "'"));
                return null;
            }
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                problems.add(new ValidationProblem(InputErrorCodes.OUT_OF_RANGE, "/query/rescale",
                        "rescale needs finite numbers with min < max; got '" + clip(value) + "'"));
                return null;
            }
            ranges.add(new Range(min, max));
        }
        return ranges;
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
