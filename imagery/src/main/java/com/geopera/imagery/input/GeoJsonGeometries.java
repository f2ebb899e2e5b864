package com.geopera.imagery.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.error.InputErrorCodes;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads GeoJSON (RFC 7946: longitude/latitude in EPSG:4326) into JTS geometries, reporting each malformed part
 * with the JSON pointer that locates it.
 */
public final class GeoJsonGeometries {
    /** All geometries carry SRID 4326 and longitude as x. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** A control point: where it is (lon/lat) and the depth measured there, in metres, positive down. */
    public record DepthPoint(double lon, double lat, double depth, String pointer) {
    }

    private GeoJsonGeometries() {
    }

    /** A Polygon or MultiPolygon (bare or in a Feature); null with a problem added when malformed or invalid. */
    public static Geometry polygonal(JsonNode node, String pointer, Problems problems) {
        if ("Feature".equals(text(node, "type"))) {
            JsonNode geometry = node.get("geometry");
            if (geometry == null || !geometry.isObject()) {
                problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer + "/geometry", "the Feature has no geometry");
                return null;
            }
            return polygonal(geometry, pointer + "/geometry", problems);
        }
        String type = text(node, "type");
        JsonNode coordinates = node.get("coordinates");
        Geometry g;
        try {
            if ("Polygon".equals(type)) {
                g = polygon(coordinates);
            } else if ("MultiPolygon".equals(type)) {
                if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
                    throw new IllegalArgumentException("MultiPolygon coordinates must be a non-empty array");
                }
                List<Polygon> parts = new ArrayList<>();
                for (JsonNode part : coordinates) {
                    parts.add(polygon(part));
                }
                g = FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
            } else {
                problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer + "/type",
                        "expected a GeoJSON Polygon or MultiPolygon, got " + (type == null ? "nothing" : type));
                return null;
            }
        } catch (IllegalArgumentException e) {
            problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer + "/coordinates", e.getMessage());
            return null;
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer,
                    "invalid geometry: " + error.getMessage() + " at " + error.getCoordinate());
            return null;
        }
        if (g.getArea() == 0) {
            problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer, "the geometry has no area");
            return null;
        }
        return g;
    }

    /** A FeatureCollection of Points with a numeric {@code depth}; every malformed feature is reported. */
    public static List<DepthPoint> depthPoints(JsonNode node, String pointer, Problems problems) {
        List<DepthPoint> out = new ArrayList<>();
        JsonNode features = node.get("features");
        if (!"FeatureCollection".equals(text(node, "type")) || features == null || !features.isArray()) {
            problems.add(InputErrorCodes.INVALID_GEOMETRY, pointer,
                    "expected a GeoJSON FeatureCollection with a features array");
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < features.size(); i++) {
            String fp = pointer + "/features/" + i;
            JsonNode f = features.get(i);
            JsonNode geometry = f.get("geometry");
            JsonNode depth = f.path("properties").get("depth");
            if (geometry == null || !"Point".equals(text(geometry, "type"))) {
                problems.add(InputErrorCodes.INVALID_GEOMETRY, fp + "/geometry", "each control point must be a Point");
                ok = false;
                continue;
            }
            Coordinate c;
            try {
                c = position(geometry.get("coordinates"));
            } catch (IllegalArgumentException e) {
                problems.add(InputErrorCodes.INVALID_GEOMETRY, fp + "/geometry/coordinates", e.getMessage());
                ok = false;
                continue;
            }
            if (depth == null || !depth.isNumber() || !Double.isFinite(depth.asDouble())) {
                problems.add(InputErrorCodes.TYPE_MISMATCH, fp + "/properties/depth",
                        "each control point needs a numeric depth (metres)");
                ok = false;
                continue;
            }
            out.add(new DepthPoint(c.x, c.y, depth.asDouble(), fp));
        }
        return ok ? out : null;
    }

    /**
     * A (Multi)Polygon as plain RFC 7946 GeoJSON text, rebuilt from the parsed geometry so that nothing of the
     * client's document (a legacy "crs" member, foreign members) reaches GDAL.
     */
    public static String toGeoJson(Geometry polygonal) {
        StringBuilder sb = new StringBuilder();
        if (polygonal instanceof Polygon p) {
            sb.append("{\"type\":\"Polygon\",\"coordinates\":");
            appendPolygon(sb, p);
        } else {
            sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < polygonal.getNumGeometries(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendPolygon(sb, (Polygon) polygonal.getGeometryN(i));
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static void appendPolygon(StringBuilder sb, Polygon p) {
        sb.append('[');
        appendRing(sb, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            sb.append(',');
            appendRing(sb, p.getInteriorRingN(i).getCoordinates());
        }
        sb.append(']');
    }

    private static void appendRing(StringBuilder sb, Coordinate[] ring) {
        sb.append('[');
        for (int i = 0; i < ring.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[').append(ring[i].x).append(',').append(ring[i].y).append(']');
        }
        sb.append(']');
    }

    public static Point point(double lon, double lat) {
        return FACTORY.createPoint(new Coordinate(lon, lat));
    }

    private static Polygon polygon(JsonNode rings) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("Polygon coordinates must be a non-empty array of rings");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions) {
        if (positions == null || !positions.isArray() || positions.size() < 4) {
            throw new IllegalArgumentException("a linear ring needs at least 4 positions");
        }
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = position(positions.get(i));
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("a linear ring must end where it starts");
        }
        return FACTORY.createLinearRing(cs);
    }

    private static Coordinate position(JsonNode p) {
        if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("a position is an array [longitude, latitude]");
        }
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("position [" + lon + ", " + lat + "] is outside longitude/latitude bounds");
        }
        return new Coordinate(lon, lat);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
