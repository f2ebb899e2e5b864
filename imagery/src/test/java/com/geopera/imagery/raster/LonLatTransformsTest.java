package com.geopera.imagery.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class LonLatTransformsTest {
    /** UTM zones 31N to 42N: more CRSs than a thread keeps, so the oldest are deleted while the test runs. */
    private static final List<String> UTM_ZONES = List.of(32631, 32632, 32633, 32634, 32635, 32636, 32637, 32638,
            32639, 32640, 32641, 32642).stream().map(code -> "EPSG:" + code).toList();

    @BeforeAll
    static void gdal() {
        Gdal.init(Duration.ofSeconds(30));
    }

    private static Geometry square(double west, double south, double side) {
        return Geometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south),
                new Coordinate(west + side, south), new Coordinate(west + side, south + side),
                new Coordinate(west, south + side), new Coordinate(west, south)});
    }

    private static String wkt(String code) {
        SpatialReference srs = Crs.parse(code);
        try {
            return Crs.wkt(srs);
        } finally {
            srs.delete();
        }
    }

    /** The envelope through a transformation built for this call alone, as before transformations were kept. */
    private static Envelope freshEnvelope(Geometry lonLat, String wkt) {
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        SpatialReference target = Crs.fromWkt(wkt);
        try {
            return Geometries.transform(lonLat, wgs84, target).getEnvelopeInternal();
        } finally {
            wgs84.delete();
            target.delete();
        }
    }

    @Test
    void an_envelope_through_a_kept_transformation_equals_one_through_a_new_transformation_in_every_crs() {
        List<String> wkts = UTM_ZONES.stream().map(LonLatTransformsTest::wkt).toList();
        for (int round = 0; round < 3; round++) {
            for (int zone = 0; zone < wkts.size(); zone++) {
                Geometry aoi = square(1.5 + 6 * zone, 45 + round, 0.2);
                assertThat(Geometries.envelopeIn(aoi, wkts.get(zone))).as("zone %d, round %d", zone, round)
                        .isEqualTo(freshEnvelope(aoi, wkts.get(zone)));
            }
        }
    }

    @Test
    void threads_that_transform_at_the_same_time_each_get_the_right_envelopes() throws Exception {
        String wkt = wkt("EPSG:32632");
        Geometry aoi = square(9, 48, 0.3);
        Envelope expected = freshEnvelope(aoi, wkt);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Envelope>>> answers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                answers.add(threads.submit(() -> {
                    List<Envelope> envelopes = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        envelopes.add(Geometries.envelopeIn(aoi, wkt));
                    }
                    return envelopes;
                }));
            }
            for (Future<List<Envelope>> answer : answers) {
                assertThat(answer.get()).hasSize(200).containsOnly(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void the_area_of_a_one_degree_square_at_the_equator_is_about_12300_square_kilometres_every_time() {
        for (int i = 0; i < 3; i++) {
            assertThat(Geometries.areaKm2(square(0, 0, 1))).isCloseTo(12_308, within(15.0));
        }
    }

    @Test
    void an_unreadable_crs_gives_no_envelope() {
        assertThat(Geometries.envelopeIn(square(0, 0, 1), "PROJCS[nonsense")).isNull();
        assertThat(Geometries.envelopeIn(square(0, 0, 1), " ")).isNull();
    }
}
