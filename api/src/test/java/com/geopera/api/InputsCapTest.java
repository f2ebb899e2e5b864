package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Job inputs are capped (geopera.jobs.max-inputs-bytes, 256 KiB) at their size as the api writes them again, which is
 * what reaches the database and the dispatch command: a body well under the 1 MiB body limit can be several times
 * that once re-serialised.
 */
@QuarkusTest
class InputsCapTest {
    private static final List<String> OPERATIONS_TAKING_INPUTS = List.of("processing.execute", "processing.create",
            "processing.create_and_dispatch", "processing.catalog.validate", "processing.catalog.estimate");

    @Test
    void inputs_over_the_cap_are_refused_at_the_edge_and_nothing_is_stored() {
        Fixture org = Fixture.org(100_000);
        // 0.4 MB as sent; 1 MB as the api writes it, every 1e6 becoming 1000000.0.
        String body = clipWithAoiProperties(org, numbers("1e6", 100_000));
        assertThat(body.length()).isLessThan(512 * 1024);
        for (String operation : OPERATIONS_TAKING_INPUTS) {
            assertInputsTooLarge(org, operation, body);
        }

        Response listed = org.call("processing.jobs.list", Map.of("include", "total"));
        assertThat(listed.<Integer>path("total")).as("jobs of the org").isZero();
        Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        assertThat(balance.<Integer>path("pending")).isZero();
        assertThat(balance.<Integer>path("available")).isEqualTo(100_000);
    }

    @Test
    void numbers_count_at_the_length_the_database_writes_them_so_exponents_cannot_slip_past_the_cap() {
        Fixture org = Fixture.org(100_000);
        // 6 KB as sent; PostgreSQL keeps 1e300 as an exact decimal and writes it back as 301 digits: 301 KB.
        assertInputsTooLarge(org, "processing.execute", clipWithAoiProperties(org, numbers("1e300", 1_000)));
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isZero();
    }

    @Test
    void inputs_under_the_cap_with_a_feature_aoi_are_accepted() {
        Fixture org = Fixture.org(100_000);
        Response executed = post(org, "processing.execute", clipWithAoiProperties(org, numbers("1e6", 1_000)));
        assertThat(executed.statusCode()).as(executed.asString()).isEqualTo(201);
    }

    private static void assertInputsTooLarge(Fixture org, String operation, String body) {
        Response response = post(org, operation, body);
        assertThat(response.statusCode()).as(operation + ": " + response.asString()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("code")).isEqualTo("inputs_too_large");
        assertThat(response.<Integer>path("max_bytes")).isEqualTo(262_144);
        assertThat(response.<Integer>path("size_bytes")).isGreaterThan(262_144);
    }

    private static Response post(Fixture org, String operation, String body) {
        return given().header("Authorization", "Bearer " + org.apiKey).contentType(ContentType.JSON).body(body)
                .post("/v1/op/" + operation);
    }

    private static String numbers(String literal, int count) {
        return String.join(",", java.util.Collections.nCopies(count, literal));
    }

    /** A clip of the real sample whose AOI is a GeoJSON Feature carrying {@code numbers} in its properties. */
    private static String clipWithAoiProperties(Fixture org, String numbers) {
        String image = RealServers.samples.resolve("elev.tif").toUri().toString();
        return "{\"process_id\":\"clip\",\"workspaceId\":\"" + org.workspaceId + "\",\"inputs\":{\"image\":\"" + image
                + "\",\"aoi\":{\"type\":\"Feature\",\"properties\":{\"junk\":[" + numbers + "]},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[5.9,49.6],[6.2,49.6],[6.2,49.9],[5.9,49.9],"
                + "[5.9,49.6]]]}}}}";
    }
}
