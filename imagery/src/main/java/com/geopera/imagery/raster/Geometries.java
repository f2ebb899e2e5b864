package com.geopera.imagery.raster;

import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** Geometry operations that need a CRS: transforming JTS geometries with OSR, and areas in square kilometres. */
public final class Geometries {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    /** Densify lon/lat edges to this step (degrees) before transforming, so curved edges stay faithful. */
    private static final double DENSIFY_DEGREES = 0.01;

    private Geometries() {
    }

    /** Area of a lon/lat geometry in km², measured in an equal-area projection. */
    public static double areaKm2(Geometry lonLat) {
        if (lonLat == null || lonLat.isEmpty()) {
            return 0;
        }
        CoordinateTransformation ct = LonLatTransforms.toCode(Crs.EQUAL_AREA);
        Geometry projected = ct == null ? null : transform(lonLat, ct);
        return projected == null ? 0 : projected.getArea() / 1_000_000d;
    }

    /** A lon/lat geometry in another CRS (densified first); null when the transformation fails. */
    public static Geometry transform(Geometry lonLat, SpatialReference from, SpatialReference to) {
        CoordinateTransformation ct = Crs.transformation(from, to);
        if (ct == null) {
            return null;
        }
        try {
            return transform(lonLat, ct);
        } finally {
            ct.delete();
        }
    }

    /** A lon/lat geometry through {@code ct} (densified first); null when a point does not transform. */
    private static Geometry transform(Geometry lonLat, CoordinateTransformation ct) {
        try {
            // copy(): Densifier's result shares Coordinate objects with its input, which the filter below mutates
            Geometry g = Densifier.densify(lonLat, DENSIFY_DEGREES).copy();
            boolean[] failed = {false};
            g.apply(new CoordinateSequenceFilter() {
                @Override
                public void filter(CoordinateSequence seq, int i) {
                    double[] p = ct.TransformPoint(seq.getX(i), seq.getY(i));
                    if (p == null || !Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                        failed[0] = true;
                        return;
                    }
                    seq.setOrdinate(i, 0, p[0]);
                    seq.setOrdinate(i, 1, p[1]);
                }

                @Override
                public boolean isDone() {
                    return failed[0];
                }

                @Override
                public boolean isGeometryChanged() {
                    return true;
                }
            });
            return failed[0] ? null : g;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The envelope of a lon/lat geometry in the raster's CRS given as WKT; null when it cannot be transformed. */
    public static Envelope envelopeIn(Geometry lonLat, String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        CoordinateTransformation ct = LonLatTransforms.toWkt(wkt);
        Geometry g = ct == null ? null : transform(lonLat, ct);
        return g == null ? null : g.getEnvelopeInternal();
    }
}
