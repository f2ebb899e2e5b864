package com.geopera.imagery.process;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.job.FailureCode;
import com.geopera.imagery.ProcessingFailedException;
import com.geopera.imagery.input.GeoJsonGeometries;
import com.geopera.imagery.input.GeoJsonGeometries.DepthPoint;
import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;
import org.locationtech.jts.geom.Geometry;

/**
 * Satellite-derived bathymetry by the Stumpf log ratio of a blue and a green band, with given coefficients or
 * coefficients fitted to control points; land (NDWI of green and NIR at or below the threshold) is nodata.
 */
public final class BathymetryProcess extends DescribedProcess {
    public static final String ID = "bathymetry";
    public static final int MIN_CONTROL_POINTS = 3;
    private static final double CLIP_SHARE = 0.2;
    private static final double MATH_SHARE = 0.6;

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of a multispectral image (reflectances): file: under an input root, or http(s):// on an allowed host"),
            Param.band("blue_band", "Blue band", "1-based index of the blue band", null),
            Param.band("green_band", "Green band", "1-based index of the green band", null),
            Param.band("nir_band", "Near-infrared band", "1-based index of the near-infrared band (land mask)", null),
            Param.number("ndwi_threshold", "NDWI threshold", "Pixels with NDWI (green − NIR)/(green + NIR) at or "
                    + "below this are land (nodata)", false, -1d, false, 1d, 0d),
            Param.number("m0", "m0", "Offset of the Stumpf model (metres); give m0 and m1, or control_points",
                    false, null, false, null, null),
            Param.number("m1", "m1", "Gain of the Stumpf model (metres); give m0 and m1, or control_points",
                    false, null, false, null, null),
            Param.number("ratio_scale", "Ratio scale n", "Constant n keeping ln(n·R) positive", false, 0d, true, null, 1000d),
            Param.points("control_points", "Control points", "GeoJSON FeatureCollection of Points (EPSG:4326) with a "
                    + "numeric properties.depth in metres (positive down); at least 3; used to fit m0 and m1", false),
            Param.polygon("aoi", "Area of interest", "Optional GeoJSON Polygon/MultiPolygon (EPSG:4326) to restrict "
                    + "the output to", false)));

    public BathymetryProcess() {
        super(Descriptions.of(ID, "Satellite-derived bathymetry",
                "Depth in metres from the Stumpf log ratio ln(n·blue)/ln(n·green), with m0/m1 given or fitted to control "
                        + "points (R² and RMSE reported in the output metadata); land masked by NDWI.",
                List.of("bathymetry", "sdb", "stumpf", "depth"), "bathy", INPUTS,
                "Depth (metres, Float32, nodata −9999 over land) as a Cloud Optimized GeoTIFF"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        for (String band : List.of("blue_band", "green_band", "nir_band")) {
            context.band(in, band, image, problems);
        }
        boolean hasM0 = in.isPresent("m0");
        boolean hasM1 = in.isPresent("m1");
        boolean hasPoints = in.isPresent("control_points");
        if (hasM0 != hasM1) {
            String missing = hasM0 ? "m1" : "m0";
            problems.add(InputErrorCodes.REQUIRED, Problems.pointer(missing), "m0 and m1 go together: give both");
        }
        if ((hasM0 || hasM1) && hasPoints) {
            problems.add(InputErrorCodes.NOT_ALLOWED_VALUE, Problems.pointer("control_points"),
                    "give either m0/m1 or control_points, not both");
        }
        if (!hasM0 && !hasM1 && !hasPoints) {
            problems.add(InputErrorCodes.REQUIRED, Problems.pointer("control_points"),
                    "give control_points to calibrate the model, or the coefficients m0 and m1");
        }
        boolean needsPosition = in.isPresent("aoi") || hasPoints;
        boolean georeferenced = needsPosition
                && context.georeferenced(image, "image", problems, "so AOIs and control points cannot be placed on it");
        Geometry aoi = context.aoi(in, "aoi", image, georeferenced, problems);
        List<DepthPoint> points = null;
        if (in.isValid("control_points")) {
            points = GeoJsonGeometries.depthPoints(in.node("control_points"), Problems.pointer("control_points"), problems);
            if (points != null && points.size() < MIN_CONTROL_POINTS) {
                problems.add(InputErrorCodes.OUT_OF_RANGE, Problems.pointer("control_points") + "/features",
                        "at least " + MIN_CONTROL_POINTS + " control points are needed, got " + points.size());
            } else if (points != null && georeferenced) {
                for (DepthPoint p : points) {
                    if (!image.footprint4326().covers(GeoJsonGeometries.point(p.lon(), p.lat()))) {
                        problems.add(InputErrorCodes.AOI_OUTSIDE_FOOTPRINT, p.pointer() + "/geometry",
                                "the control point lies outside the image");
                    }
                }
            }
        }
        if (problems.size() > before || image == null || !in.isValid("blue_band") || !in.isValid("green_band")
                || !in.isValid("nir_band") || !in.isUsable("ndwi_threshold") || !in.isUsable("ratio_scale")) {
            return null;
        }
        Settings s = new Settings(image, in.integer("blue_band"), in.integer("green_band"), in.integer("nir_band"),
                in.number("ndwi_threshold"), in.number("ratio_scale"), hasM0 ? in.number("m0") : null,
                hasM1 ? in.number("m1") : null, points,
                aoi == null ? null : ClipWarp.plan(image, aoi, GeoJsonGeometries.toGeoJson(aoi), null, null));
        long pixels = image.pixels();
        double area = Geometries.areaKm2(image.footprint4326());
        if (aoi != null) {
            pixels = s.clip().outputSize(image.gdalPath()).pixels();
            area = Geometries.areaKm2(aoi.intersection(image.footprint4326()));
        }
        return new DeferredRun(new Basis(area, pixels, 3), ctx -> bathymetry(s, ctx));
    }

    private record Settings(RasterInfo image, int blue, int green, int nir, double ndwiThreshold, double ratioScale,
                            Double m0, Double m1, List<DepthPoint> points, ClipWarp.Plan clip) {
    }

    private static ProducedRaster bathymetry(Settings s, RunContext ctx) {
        Dataset source = RasterProbe.open(s.image().gdalPath());
        if (source == null) {
            throw Gdal.failure("opening the image failed");
        }
        Dataset clipped = null;
        try {
            Map<String, Object> extra = new LinkedHashMap<>();
            StumpfModel model;
            if (s.points() != null) {
                StumpfModel.Calibration fit = calibrate(source, s);
                model = fit.model();
                extra.put("calibration", fit.toMap());
            } else {
                model = new StumpfModel(s.m0(), s.m1(), s.ratioScale());
            }
            ctx.checkCancelled();
            Dataset input = source;
            if (s.clip() != null) {
                clipped = Warps.toGeoTiff(source, ctx.temp("aoi.tif"), s.clip().args(), ctx.step(0, CLIP_SHARE), ctx);
                input = clipped;
            }
            double threshold = s.ndwiThreshold();
            Dataset depth = BandMath.run(input, new int[] {s.blue(), s.green(), s.nir()},
                    (bands, out) -> depths(bands, out, model, threshold), ctx.temp("depth.tif"),
                    ctx.step(CLIP_SHARE, MATH_SHARE), ctx);
            try {
                depth.GetRasterBand(1).SetUnitType("m");
                Map<String, Object> bathy = new LinkedHashMap<>();
                bathy.put("model", "stumpf_log_ratio");
                bathy.put("m0", model.m0());
                bathy.put("m1", model.m1());
                bathy.put("ratio_scale", model.ratioScale());
                bathy.put("ndwi_threshold", threshold);
                bathy.put("unit", "m");
                bathy.put("coefficients", s.points() != null ? "calibrated" : "given");
                bathy.putAll(extra);
                return ResultCog.write(depth, CogWriter.DEFAULT_COMPRESSION, MATH_SHARE, ctx, Map.of("bathymetry", bathy));
            } finally {
                depth.delete();
            }
        } finally {
            if (clipped != null) {
                clipped.delete();
            }
            source.delete();
        }
    }

    static void depths(float[][] bands, float[] out, StumpfModel model, double ndwiThreshold) {
        float[] blue = bands[0];
        float[] green = bands[1];
        float[] nir = bands[2];
        for (int i = 0; i < out.length; i++) {
            double g = green[i];
            double ndwi = (g - nir[i]) / (g + nir[i]);
            if (!(ndwi > ndwiThreshold)) {
                out[i] = Float.NaN;
                continue;
            }
            double ratio = StumpfModel.ratio(blue[i], g, model.ratioScale());
            out[i] = Double.isNaN(ratio) ? Float.NaN : (float) model.depth(ratio);
        }
    }

    /** Samples the log ratio under each control point and fits the model to the depths. */
    private static StumpfModel.Calibration calibrate(Dataset source, Settings s) {
        RasterInfo image = s.image();
        double[] gt = image.geoTransform();
        double det = gt[1] * gt[5] - gt[2] * gt[4];
        org.gdal.osr.SpatialReference wgs84 = com.geopera.imagery.raster.Crs.parse(com.geopera.imagery.raster.Crs.WGS84);
        org.gdal.osr.SpatialReference srs = com.geopera.imagery.raster.Crs.fromWkt(image.wkt());
        org.gdal.osr.CoordinateTransformation ct = com.geopera.imagery.raster.Crs.transformation(wgs84, srs);
        try {
            if (ct == null) {
                throw new ProcessingFailedException(FailureCode.CALIBRATION_FAILED, "control points cannot be placed on the image", false);
            }
            List<double[]> pairs = new ArrayList<>();
            float[] b = new float[1];
            float[] g = new float[1];
            for (DepthPoint p : s.points()) {
                double[] xy = ct.TransformPoint(p.lon(), p.lat());
                double dx = xy[0] - gt[0];
                double dy = xy[1] - gt[3];
                int col = (int) Math.floor((gt[5] * dx - gt[2] * dy) / det);
                int row = (int) Math.floor((-gt[4] * dx + gt[1] * dy) / det);
                if (col < 0 || row < 0 || col >= image.width() || row >= image.height()) {
                    continue;
                }
                source.GetRasterBand(s.blue()).ReadRaster(col, row, 1, 1, b);
                source.GetRasterBand(s.green()).ReadRaster(col, row, 1, 1, g);
                double ratio = StumpfModel.ratio(b[0], g[0], s.ratioScale());
                if (!Double.isNaN(ratio)) {
                    pairs.add(new double[] {ratio, p.depth()});
                }
            }
            StumpfModel.Calibration fit = StumpfModel.fit(pairs, s.ratioScale());
            if (fit == null) {
                throw new ProcessingFailedException(FailureCode.CALIBRATION_FAILED, "only " + pairs.size()
                        + " control point(s) fall on valid water pixels with distinct ratios; at least "
                        + MIN_CONTROL_POINTS + " are needed", false);
            }
            return fit;
        } finally {
            if (ct != null) {
                ct.delete();
            }
            if (srs != null) {
                srs.delete();
            }
            wgs84.delete();
        }
    }
}
