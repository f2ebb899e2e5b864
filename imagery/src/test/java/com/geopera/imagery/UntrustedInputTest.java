package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.ledger.billing.CostModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user-supplied image may make GDAL do while it is opened: only the allowed drivers read it, nothing next to
 * it or named inside it is read, http(s) inputs reach only allowed public addresses without redirects, and GDAL's
 * own error text (paths, hosts, ports) never reaches the caller.
 */
class UntrustedInputTest {
    private static final String AOI = TestRasters.box(5.9, 49.6, 6.3, 50.0);

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private LocalHttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        byte[] elev = Files.readAllBytes(TestRasters.samples().resolve("elev.tif"));
        server = new LocalHttpServer().file("/data/elev.tif", elev).file("/secret.tif", elev)
                .file("/garbage.tif", "this is not an image, says the server at port 1234".getBytes());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImageryEngine engine(boolean allowLoopback, String... hosts) {
        return new ImageryEngine(new ImageryConfig(List.of(root), List.of(hosts), Duration.ofSeconds(5), 0,
                CostModel.defaults(), Duration.ofMinutes(5), allowLoopback));
    }

    private static List<ValidationProblem> validate(ImageryEngine engine, String process, String inputs) {
        return engine.validate(process, TestRasters.json(inputs));
    }

    @Test
    void a_vrt_input_is_refused_by_the_driver_allow_list_before_its_sources_are_read() throws Exception {
        Files.copy(TestRasters.samples().resolve("elev.tif"), outside.resolve("other-org-output.tif"));
        String remote = "/vsicurl/" + server.url("127.0.0.1", "/secret.tif");
        Files.writeString(root.resolve("remote.vrt"), vrt(remote));
        // the extension does not matter: the content names the source
        Files.writeString(root.resolve("disguised.tif"), vrt(outside.resolve("other-org-output.tif").toString()));
        // a warped VRT opens its source while it is being opened, before anyone can look at its driver
        TestRasters.cli(List.of("gdalwarp", "-q", "-of", "VRT", "-t_srs", "EPSG:3857",
                outside.resolve("other-org-output.tif").toString(), outside.resolve("warped.vrt").toString()));
        Files.writeString(root.resolve("warped.vrt"), Files.readString(outside.resolve("warped.vrt")).replaceAll(
                "<SourceDataset[^>]*>[^<]*</SourceDataset>",
                "<SourceDataset relativeToVRT=\"0\">" + remote + "</SourceDataset>"));
        ImageryEngine engine = engine(true, "127.0.0.1");

        for (String name : List.of("remote.vrt", "disguised.tif", "warped.vrt")) {
            assertThat(validate(engine, "cog", "{'image':'file:" + name + "'}"))
                    .extracting(ValidationProblem::code, ValidationProblem::pointer)
                    .containsExactly(tuple(InputErrorCodes.NOT_A_RASTER, "/inputs/image"));
            assertThatThrownBy(() -> engine.run(new RunRequest("job_vrt", 1, "cog",
                    TestRasters.json("{'image':'file:" + name + "'}"), tmp.resolve("out")), ProgressListener.NONE,
                    CancellationToken.NEVER)).isInstanceOf(ProcessingFailedException.class);
        }
        assertThat(server.hits("/secret.tif")).as("requests for the VRT's source").isZero();
    }

    @Test
    void a_file_lying_next_to_an_input_is_never_read_as_its_overview() throws Exception {
        float[] ones = new float[64 * 64];
        Arrays.fill(ones, 1);
        float[] sevens = new float[32 * 32];
        Arrays.fill(sevens, 7);
        double[] gt = {6.0, 0.005, 0, 50.0, 0, -0.005};
        TestRasters.geoTiff(root.resolve("plain.tif"), 64, 64, gt, "EPSG:4326", gdalconstConstants.GDT_Float32, null, ones);
        TestRasters.geoTiff(outside.resolve("secret.tif"), 32, 32, new double[] {6.0, 0.01, 0, 50.0, 0, -0.01},
                "EPSG:4326", gdalconstConstants.GDT_Float32, null, sevens);
        // GDAL looks for "<input>.ovr" beside the input; this one leads to another directory
        Files.createSymbolicLink(root.resolve("plain.tif.ovr"), outside.resolve("secret.tif"));

        RunResult r = engine(false).run(new RunRequest("job_ovr", 1, "cog", TestRasters.json("{'image':'file:plain.tif'}"),
                tmp.resolve("out")), ProgressListener.NONE, CancellationToken.NEVER);

        Path cog = Path.of(URI.create(r.outputs().get(0).href()));
        Dataset ds = gdal.OpenEx(cog.toString(), gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY);
        try {
            Band band = ds.GetRasterBand(1);
            for (int o = 0; o < band.GetOverviewCount(); o++) {
                Band overview = band.GetOverview(o);
                float[] values = new float[overview.getXSize() * overview.getYSize()];
                overview.ReadRaster(0, 0, overview.getXSize(), overview.getYSize(), values);
                assertThat(values).as("overview %d of the output", o).containsOnly(1f);
            }
        } finally {
            ds.delete();
        }
    }

    @Test
    void a_url_naming_a_private_link_local_or_unspecified_address_is_refused_by_the_address_check() {
        String[] hosts = {"169.254.169.254", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "[fd00::7]", "[fe80::1]", "[::]", "[ff02::1]", "[::ffff:169.254.169.254]", "[::ffff:10.1.2.3]"};
        ImageryEngine engine = engine(true, hosts);
        for (String host : hosts) {
            List<ValidationProblem> problems = validate(engine, "cog", "{'image':'http://" + host + "/latest/meta-data.tif'}");
            assertThat(problems).as(host).extracting(ValidationProblem::code, ValidationProblem::pointer)
                    .containsExactly(tuple(InputErrorCodes.HOST_NOT_ALLOWED, "/inputs/image"));
            assertThat(problems.get(0).message()).as(host).contains("address");
        }
    }

    @Test
    void a_url_resolving_to_a_loopback_address_is_refused_before_any_connection_unless_loopback_is_switched_on() {
        String[] hosts = {"127.0.0.1", "localhost", "[::1]", "[::ffff:127.0.0.1]"};
        ImageryEngine engine = engine(false, hosts);
        for (String host : hosts) {
            List<ValidationProblem> problems = validate(engine, "cog", "{'image':'" + server.url(host, "/data/elev.tif") + "'}");
            assertThat(problems).as(host).extracting(ValidationProblem::code)
                    .containsExactly(InputErrorCodes.HOST_NOT_ALLOWED);
        }
        assertThat(server.totalHits()).as("requests that reached the server").isZero();

        assertThat(validate(engine(true, "127.0.0.1"), "clip",
                "{'image':'" + server.url("127.0.0.1", "/data/elev.tif") + "','aoi':" + AOI + "}")).isEmpty();
    }

    @Test
    void a_redirect_is_refused_whether_it_leads_outside_the_allow_list_or_not() {
        server.redirect("/away.tif", server.url("localhost", "/data/elev.tif"))
                .redirect("/metadata.tif", "http://169.254.169.254/latest/meta-data")
                .redirect("/same-host.tif", server.url("127.0.0.1", "/data/elev.tif"));
        ImageryEngine engine = engine(true, "127.0.0.1");
        for (String path : List.of("/away.tif", "/metadata.tif", "/same-host.tif")) {
            List<ValidationProblem> problems = validate(engine, "clip",
                    "{'image':'" + server.url("127.0.0.1", path) + "','aoi':" + AOI + "}");
            assertThat(problems).as(path).extracting(ValidationProblem::code, ValidationProblem::pointer)
                    .containsExactly(tuple(InputErrorCodes.INPUT_UNREADABLE, "/inputs/image"));
        }
        assertThat(server.hits("/data/elev.tif")).as("requests for the redirect's target").isZero();
    }

    @Test
    void gdal_error_text_never_reaches_the_caller() throws Exception {
        ImageryEngine engine = engine(true, "127.0.0.1");
        Files.writeString(root.resolve("notes.tif"), "not a raster at all");
        List<ValidationProblem> remote = validate(engine, "cog", "{'image':'" + server.url("127.0.0.1", "/garbage.tif") + "'}");
        assertThat(remote).extracting(ValidationProblem::code).containsExactly(InputErrorCodes.INPUT_UNREADABLE);
        List<ValidationProblem> local = validate(engine, "cog", "{'image':'file:notes.tif'}");
        assertThat(local).extracting(ValidationProblem::code).containsExactly(InputErrorCodes.NOT_A_RASTER);
        for (ValidationProblem p : List.of(remote.get(0), local.get(0))) {
            assertNoGdalText(p.message());
        }

        // the header is intact, so validation passes; reading the pixels fails inside GDAL during the run
        float[] values = new float[256 * 256];
        Arrays.fill(values, 3);
        Path whole = TestRasters.geoTiff(outside.resolve("whole.tif"), 256, 256,
                new double[] {6.0, 0.001, 0, 50.0, 0, -0.001}, "EPSG:4326", gdalconstConstants.GDT_Float32, null, values);
        Files.write(root.resolve("truncated.tif"), Arrays.copyOf(Files.readAllBytes(whole), 4096));
        assertThat(validate(engine, "cog", "{'image':'file:truncated.tif'}")).isEmpty();
        assertThatThrownBy(() -> engine.run(new RunRequest("job_trunc", 1, "cog",
                TestRasters.json("{'image':'file:truncated.tif'}"), tmp.resolve("out")), ProgressListener.NONE,
                CancellationToken.NEVER))
                .isInstanceOfSatisfying(ProcessingFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo("gdal_error");
                    assertNoGdalText(e.getMessage());
                });
    }

    private void assertNoGdalText(String message) {
        assertThat(message).doesNotContainIgnoringCase("recogni").doesNotContain("TIFFRead").doesNotContain("IReadBlock")
                .doesNotContain(tmp.toString()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(server.port()))
                .doesNotContainIgnoringCase("curl").doesNotContainIgnoringCase("HTTP response").doesNotContain("1234");
    }

    /** A VRT whose one band is band 1 of {@code source}, with no size hints, so GDAL must open the source to use it. */
    private static String vrt(String source) {
        return "<VRTDataset rasterXSize=\"48\" rasterYSize=\"48\">"
                + "<GeoTransform>5.9, 0.01, 0, 50.0, 0, -0.01</GeoTransform>"
                + "<VRTRasterBand dataType=\"Int16\" band=\"1\"><SimpleSource>"
                + "<SourceFilename relativeToVRT=\"0\">" + source + "</SourceFilename><SourceBand>1</SourceBand>"
                + "</SimpleSource></VRTRasterBand></VRTDataset>";
    }
}
