package com.geopera.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CliJson;
import com.geopera.cli.command.Views;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import com.geopera.cli.http.ApiException;
import com.geopera.cli.http.ReceivedProblem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static final String JOB = """
            {"job_id":"job_1","status":"succeeded","ogc_status":"successful","process_id":"clip",
             "process_version":"1.0.0","progress":100,"attempt":1,"inputs":{"m0":1},
             "created_at":"2026-11-25T11:59:00Z","finished_at":"2026-11-25T11:59:30Z",
             "outputs":[{"name":"result","href":"http://api/v1/outputs/job_1/result.tif",
                         "media_type":"image/tiff","size_bytes":2048}],
             "billing":{"estimated_credits":12,"reserved_credits":12,"charged_credits":10,
                        "released_credits":2,"status":"settled"}}""";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HumanValues values = new HumanValues(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
            ZoneOffset.UTC));

    private Renderer human() {
        return new HumanRenderer(new PrintWriter(out), new PrintWriter(err), values);
    }

    private Renderer json() {
        return new JsonRenderer(new PrintWriter(out), new PrintWriter(err), CliJson.mapper());
    }

    private Renderer ndjson() {
        return new NdjsonRenderer(new PrintWriter(out), new PrintWriter(err), CliJson.mapper());
    }

    private static JsonNode parse(String text) throws Exception {
        return CliJson.mapper().readTree(text);
    }

    @Test
    void a_job_is_shown_to_people_as_aligned_fields_with_credits_times_and_an_outputs_table() throws Exception {
        human().object(parse(JOB), Views.JOB);

        String text = out.toString();
        assertThat(text).contains("Job:             job_1")
                .contains("Status:          succeeded")
                .contains("Progress:        100%")
                .contains("Finished:        2026-11-25 11:59:30 UTC (30s ago)")
                .contains("Charged:         10 credits")
                .contains("Started:         -")
                .contains("Outputs:")
                .contains("  NAME    MEDIA TYPE  SIZE     HREF")
                .contains("  result  image/tiff  2.0 KiB  http://api/v1/outputs/job_1/result.tif");
    }

    @Test
    void a_list_is_a_table_with_a_count_and_the_paging_information() throws Exception {
        JsonNode answer = parse("{\"items\":[" + JOB + "],\"page\":1,\"limit\":20,\"total\":1}");

        human().list(answer, ListItems.of(answer), Views.JOB_ROWS);

        assertThat(out.toString()).startsWith("JOB    PROCESS  STATUS     PROGRESS  CREATED")
                .contains("job_1  clip     succeeded  100%      2026-11-25 11:59:00 UTC (1m 0s ago)  10 credits")
                .contains("1 job (page 1, limit 20, total 1)");
    }

    @Test
    void counts_use_the_singular_for_one_item() {
        assertThat(Views.JOB_ROWS.count(1)).isEqualTo("1 job");
        assertThat(Views.JOB_ROWS.count(2)).isEqualTo("2 jobs");
        assertThat(Views.PROCESS_ROWS.count(1)).isEqualTo("1 process");
        assertThat(View.generic("job types").count(1)).isEqualTo("1 job type");
    }

    @Test
    void an_empty_list_says_so_in_words() throws Exception {
        human().list(parse("{\"items\":[]}"), java.util.List.of(), Views.JOB_ROWS);

        assertThat(out.toString()).isEqualTo("No jobs." + System.lineSeparator());
    }

    @Test
    void a_document_without_a_view_shows_every_field_flattened() throws Exception {
        human().object(parse("{\"key_id\":\"key_1\",\"scopes\":[\"a\",\"b\"],\"limits\":{\"max\":3},"
                + "\"expires_at\":\"2026-11-25T12:00:00Z\"}"), View.generic("keys"));

        assertThat(out.toString()).contains("key_id:     key_1").contains("scopes:     a, b")
                .contains("limits.max: 3").contains("expires_at: 2026-11-25 12:00:00 UTC (0s ago)");
    }

    @Test
    void json_output_is_the_api_document_as_it_came() throws Exception {
        JsonNode answer = parse("{\"items\":[{\"job_id\":\"job_1\"}],\"page\":1}");

        json().list(answer, ListItems.of(answer), Views.JOB_ROWS);

        assertThat(parse(out.toString())).isEqualTo(answer);
    }

    @Test
    void ndjson_output_is_one_compact_line_per_item() throws Exception {
        JsonNode answer = parse("{\"items\":[{\"job_id\":\"job_1\"},{\"job_id\":\"job_2\"}]}");

        ndjson().list(answer, ListItems.of(answer), Views.JOB_ROWS);

        assertThat(out.toString().split("\n")).containsExactly("{\"job_id\":\"job_1\"}", "{\"job_id\":\"job_2\"}");
    }

    @Test
    void a_validation_problem_is_listed_field_by_field_on_stderr() throws Exception {
        ReceivedProblem problem = ReceivedProblem.from(422, parse("""
                {"type":"about:blank","title":"The request has invalid fields","status":422,
                 "code":"validation_failed","detail":"2 problems",
                 "errors":[{"code":"required","pointer":"/inputs/aoi","message":"aoi is required"},
                           {"code":"out_of_range","pointer":"/inputs/m0","message":"must be >= 0"}]}"""), null);

        human().failure(new ApiException(problem));

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("error: validation_failed: 2 problems")
                .contains("  /inputs/aoi: aoi is required [required]")
                .contains("  /inputs/m0: must be >= 0 [out_of_range]");
    }

    @Test
    void insufficient_credits_shows_what_is_required_and_what_is_available() throws Exception {
        ReceivedProblem problem = ReceivedProblem.from(402, parse("{\"status\":402,\"code\":\"insufficient_credits\","
                + "\"title\":\"Not enough credits\",\"required\":1200,\"available\":300}"), null);

        human().failure(new ApiException(problem));

        assertThat(err.toString()).contains("error: insufficient_credits: Not enough credits")
                .contains("required: 1,200 credits").contains("available: 300 credits");
    }

    @Test
    void script_formats_write_failures_as_problem_json_on_stderr() throws Exception {
        String body = "{\"status\":404,\"code\":\"job_not_found\",\"title\":\"Job not found\"}";
        json().failure(new ApiException(ReceivedProblem.from(404, parse(body), body)));
        assertThat(parse(err.toString())).isEqualTo(parse(body));

        err.getBuffer().setLength(0);
        ndjson().failure(new CliException(ExitCode.USAGE, "missing --workspace-id"));
        assertThat(err.toString()).isEqualTo("{\"code\":\"cli_usage\",\"detail\":\"missing --workspace-id\","
                + "\"exit_code\":2}" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }
}
