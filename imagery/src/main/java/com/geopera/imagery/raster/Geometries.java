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
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        SpatialReference equalArea = Crs.parse(Crs.EQUAL_AREA);
        try {
            Geometry projected = transform(lonLat, wgs84, equalArea);
            return projected == null ? 0 : projected.getArea() / 1_000_000d;
        } finally {
            wgs84.delete();
            equalArea.delete();
        }
    }

    /** A lon/lat geometry in another CRS (densified first); null when the transformation fails. */
    public static Geometry transform(Geometry lonLat, SpatialReference from, SpatialReference to) {
        CoordinateTransformation ct = Crs.transformation(from, to);
        if (ct == null) {
            return null;
        }
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
        } finally {
            ct.delete();
        }
    }

    /** The envelope of a lon/lat geometry in the raster's CRS given as WKT; null when it cannot be transformed. */
    public static Envelope envelopeIn(Geometry lonLat, String wkt) {
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        SpatialReference target = Crs.fromWkt(wkt);
        try {
            if (target == null) {
                return null;
            }
            Geometry g = transform(lonLat, wgs84, target);
            return g == null ? null : g.getEnvelopeInternal();
        } finally {
            wgs84.delete();
            if (target != null) {
                target.delete();
            }
        }
    }
}
