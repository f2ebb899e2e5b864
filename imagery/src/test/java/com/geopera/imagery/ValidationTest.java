package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {
    @TempDir
    Path tmp;

    private Path root;
    private ImageryEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        Files.copy(TestRasters.samples().resolve("elev.tif"), root.resolve("elev.tif"));
        engine = TestRasters.engine(root);
    }

    private List<ValidationProblem> validate(String process, String inputs) {
        return engine.validate(process, TestRasters.json(inputs));
    }

    @Test
    void valid_inputs_have_no_problems() {
        assertThat(validate("clip", "{'image':'file:elev.tif','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}"))
                .isEmpty();
        assertThat(validate("hillshade", "{'image':'file://" + root.resolve("elev.tif") + "'}")).isEmpty();
    }

    @Test
    void an_unknown_process_is_one_problem_at_process_id() {
        assertThat(validate("teleport", "{}")).extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.UNKNOWN_PROCESS, "/process_id"));
    }

    @Test
    void schema_problems_are_all_reported_at_once() {
        List<ValidationProblem> problems = validate("hillshade",
                "{'band':'one','z_factor':0,'azimuth':400,'altitude':-1,'colour':'red'}");
        assertThat(problems).extracting(ValidationProblem::code, ValidationProblem::pointer).containsExactlyInAnyOrder(
                tuple(InputErrorCodes.REQUIRED, "/inputs/image"),
                tuple(InputErrorCodes.TYPE_MISMATCH, "/inputs/band"),
                tuple(InputErrorCodes.OUT_OF_RANGE, "/inputs/z_factor"),
                tuple(InputErrorCodes.OUT_OF_RANGE, "/inputs/azimuth"),
                tuple(InputErrorCodes.OUT_OF_RANGE, "/inputs/altitude"),
                tuple(InputErrorCodes.UNKNOWN_FIELD, "/inputs/colour"));
        assertThat(validate("cog", "{'image':'file:elev.tif','compression':'RAR'}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.NOT_ALLOWED_VALUE, "/inputs/compression"));
        assertThat(validate("cog", "[1,2]")).extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.TYPE_MISMATCH, "/inputs"));
    }

    @Test
    void what_only_opening_the_raster_reveals_is_reported_with_the_schema_problems() throws Exception {
        String bowtie = "{'type':'Polygon','coordinates':[[[6,49.6],[6.3,50],[6.3,49.6],[6,50],[6,49.6]]]}";
        List<ValidationProblem> problems = validate("clip",
                "{'image':'file:elev.tif','aoi':" + bowtie + ",'output_crs':'EPSG:999999','resolution':-1}");
        assertThat(problems).extracting(ValidationProblem::code, ValidationProblem::pointer).containsExactlyInAnyOrder(
                tuple(InputErrorCodes.INVALID_GEOMETRY, "/inputs/aoi"),
                tuple(InputErrorCodes.UNKNOWN_CRS, "/inputs/output_crs"),
                tuple(InputErrorCodes.OUT_OF_RANGE, "/inputs/resolution"));

        assertThat(validate("clip", "{'image':'file:elev.tif','aoi':" + TestRasters.box(10, 10, 11, 11) + "}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.AOI_OUTSIDE_FOOTPRINT, "/inputs/aoi"));
        assertThat(validate("clip", "{'image':'file:elev.tif','aoi':{'type':'Point','coordinates':[6,50]}}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.INVALID_GEOMETRY, "/inputs/aoi/type"));
        assertThat(validate("clip", "{'image':'file:elev.tif','aoi':{'type':'Polygon','coordinates':[[[6,50],[7,50],[6,50]]]}}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.INVALID_GEOMETRY, "/inputs/aoi/coordinates"));
        assertThat(validate("ndvi", "{'image':'file:elev.tif','red_band':1,'nir_band':4}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.BAND_OUT_OF_RANGE, "/inputs/nir_band"));
        assertThat(validate("clip", "{'image':'file:logo.tif','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.UNKNOWN_CRS, "/inputs/image"));
        assertThat(validate("reproject", "{'image':'file:elev.tif','target_crs':'/etc/passwd'}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.UNKNOWN_CRS, "/inputs/target_crs"));
    }

    @Test
    void missing_files_and_files_that_are_not_rasters_are_named() throws Exception {
        Files.writeString(root.resolve("notes.tif"), "not a raster at all");
        assertThat(validate("cog", "{'image':'file:missing.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.INPUT_NOT_FOUND);
        assertThat(validate("cog", "{'image':'file:notes.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.NOT_A_RASTER);
        assertThat(validate("cog", "{'image':'file:lux.shp'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.NOT_A_RASTER);
    }

    @Test
    void a_vrt_that_could_point_outside_the_roots_is_refused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(TestRasters.samples().resolve("elev.tif"), outside.resolve("secret.tif"));
        TestRasters.cli(java.util.List.of("gdal_translate", "-q", "-of", "VRT", outside.resolve("secret.tif").toString(),
                root.resolve("sneaky.vrt").toString()));
        assertThat(validate("cog", "{'image':'file:sneaky.vrt'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.NOT_A_RASTER);
    }

    @Test
    void path_traversal_absolute_paths_outside_roots_and_other_schemes_are_refused() {
        assertThat(validate("cog", "{'image':'file:../root/elev.tif'}")).extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS, "/inputs/image"));
        assertThat(validate("cog", "{'image':'file://" + root + "/../root/elev.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS);
        assertThat(validate("cog", "{'image':'file:///etc/hostname'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS);
        assertThat(validate("cog", "{'image':'file://otherhost/x.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS);
        assertThat(validate("cog", "{'image':'ftp://data.example.org/x.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.URI_SCHEME_NOT_ALLOWED);
        assertThat(validate("cog", "{'image':'/vsizip/x.zip/a.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.URI_SCHEME_NOT_ALLOWED);
        assertThat(validate("cog", "{'image':'https://evil.example.com/x.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.HOST_NOT_ALLOWED);
    }

    @Test
    void a_symlink_leading_out_of_the_input_roots_is_refused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(TestRasters.samples().resolve("elev.tif"), outside.resolve("secret.tif"));
        Files.createSymbolicLink(root.resolve("link.tif"), outside.resolve("secret.tif"));
        Files.createSymbolicLink(root.resolve("dir"), outside);
        Files.createSymbolicLink(root.resolve("inside.tif"), root.resolve("elev.tif"));

        assertThat(validate("cog", "{'image':'file:link.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS);
        assertThat(validate("cog", "{'image':'file:dir/secret.tif'}")).extracting(ValidationProblem::code)
                .containsExactly(InputErrorCodes.PATH_OUTSIDE_INPUT_ROOTS);
        assertThat(validate("cog", "{'image':'file:inside.tif'}")).isEmpty();
    }

    @Test
    void bathymetry_needs_coefficients_or_enough_control_points_inside_the_image() {
        String far = "{'type':'Feature','geometry':{'type':'Point','coordinates':[20,10]},'properties':{'depth':3}}";
        String near = "{'type':'Feature','geometry':{'type':'Point','coordinates':[6,50]},'properties':{'depth':3}}";
        String noDepth = "{'type':'Feature','geometry':{'type':'Point','coordinates':[6,50]},'properties':{}}";
        assertThat(validate("bathymetry", "{'image':'file:elev.tif','blue_band':1,'green_band':1,'nir_band':1}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.REQUIRED, "/inputs/control_points"));
        assertThat(validate("bathymetry", "{'image':'file:elev.tif','blue_band':1,'green_band':2,'nir_band':1,'m0':1}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer).containsExactlyInAnyOrder(
                        tuple(InputErrorCodes.BAND_OUT_OF_RANGE, "/inputs/green_band"),
                        tuple(InputErrorCodes.REQUIRED, "/inputs/m1"));
        assertThat(validate("bathymetry", "{'image':'file:elev.tif','blue_band':1,'green_band':1,'nir_band':1,"
                + "'control_points':{'type':'FeatureCollection','features':[" + near + "," + far + "," + noDepth + "]}}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer).containsExactlyInAnyOrder(
                        tuple(InputErrorCodes.TYPE_MISMATCH, "/inputs/control_points/features/2/properties/depth"));
        assertThat(validate("bathymetry", "{'image':'file:elev.tif','blue_band':1,'green_band':1,'nir_band':1,"
                + "'control_points':{'type':'FeatureCollection','features':[" + near + "," + far + "," + near + "]}}"))
                .extracting(ValidationProblem::code, ValidationProblem::pointer).containsExactly(
                        tuple(InputErrorCodes.AOI_OUTSIDE_FOOTPRINT, "/inputs/control_points/features/1/geometry"));
    }

    @Test
    void estimating_invalid_inputs_throws_with_every_problem() {
        assertThatThrownBy(() -> engine.estimate("clip", TestRasters.json("{'image':'gopher://x','aoi':3}")))
                .isInstanceOfSatisfying(InvalidInputsException.class, e -> assertThat(e.problems())
                        .extracting(ValidationProblem::pointer).containsExactlyInAnyOrder("/inputs/image", "/inputs/aoi"));
        assertThatThrownBy(() -> engine.estimate("nope", TestRasters.json("{}")))
                .isInstanceOfSatisfying(InvalidInputsException.class, e -> assertThat(e.problems())
                        .extracting(ValidationProblem::code).containsExactly(InputErrorCodes.UNKNOWN_PROCESS));
    }

    @Test
    void running_invalid_inputs_fails_without_retry() {
        assertThatThrownBy(() -> engine.run(new RunRequest("job_x", 1, "cog", TestRasters.json("{'image':'file:missing.tif'}"),
                tmp.resolve("out")), ProgressListener.NONE, CancellationToken.NEVER))
                .isInstanceOfSatisfying(ProcessingFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_inputs");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
