package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.store.JobListSql;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobQuery.SortColumn;
import com.geopera.common.json.Json;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every list query the api can send — each filter with each sort, first page and cursor page — is planned as an
 * index read on a table big enough for the planner to care (50,000 jobs of one org, seeded by api/bench's SQL and
 * analysed inside a transaction that is rolled back, so no other test sees them).
 */
@QuarkusTest
class JobListIndexTest {
    private static final int SEEDED_JOBS = 50_000;
    private static final int PAGE = 50;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void every_filter_and_sort_is_served_by_an_index_not_a_sequential_scan() throws Exception {
        String org = "org_explain_" + System.nanoTime();
        List<JobQuery> filters = List.of(
                query(org, null, null, null, null, null, null),
                query(org, null, null, null, null, List.of("failed"), null),
                query(org, null, null, "ndvi", null, null, null),
                query(org, null, org + "_ws1", null, null, null, null),
                query(org, null, null, null, null, null, List.of(jobId(org, 10), jobId(org, 20_000), jobId(org, 4))));
        List<JobQuery> projectFilters = List.of(
                query(org, org + "_prj1", null, null, null, null, null),
                query(org, org + "_prj1", null, null, "ndvi", null, null));
        List<String> seqScans = new ArrayList<>();
        List<String> sorted = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL seed.org_id = '" + org + "'");
                s.execute("SET LOCAL seed.jobs = '" + SEEDED_JOBS + "'");
                s.execute(Files.readString(Path.of("bench/seed-jobs.sql")));
                s.execute("ANALYZE jobs");
            }
            try {
                for (JobQuery filter : filters) {
                    for (SortColumn sort : SortColumn.values()) {
                        for (boolean descending : List.of(true, false)) {
                            JobQuery sortedQuery = sorted(filter, sort, descending);
                            for (JobQuery page : pages(sortedQuery, org)) {
                                explain(c, page, seqScans, sorted);
                            }
                        }
                    }
                }
                for (JobQuery filter : projectFilters) {
                    for (JobQuery page : pages(filter, org)) {
                        explain(c, page, seqScans, sorted);
                    }
                }
            } finally {
                c.rollback();
            }
        }
        assertThat(seqScans).as("list queries planned as a sequential scan of jobs").isEmpty();
        assertThat(sorted).as("list queries that sort the org's matching jobs instead of reading an index in order")
                .isEmpty();
    }

    private static void explain(Connection c, JobQuery page, List<String> seqScans, List<String> sorted)
            throws Exception {
        JobListSql.Statement statement = JobListSql.page(page, "*");
        JobListSql.Statement explained = new JobListSql.Statement("EXPLAIN (FORMAT JSON) " + statement.sql(),
                statement.args());
        try (PreparedStatement s = explained.prepare(c); ResultSet rows = s.executeQuery()) {
            rows.next();
            JsonNode plan = Json.mapper().readTree(rows.getString(1)).get(0).get("Plan");
            if (hasNode(plan, "Seq Scan")) {
                seqScans.add(describe(page) + "\n" + plan.toPrettyString());
            }
            // Sorting the few rows of an ids filter is cheap; sorting a filter's every match is what the indexes
            // are there to avoid.
            if (hasNode(plan, "Sort") && page.ids() == null) {
                sorted.add(describe(page));
            }
        }
    }

    private static boolean hasNode(JsonNode plan, String type) {
        if (type.equals(plan.path("Node Type").asText()) && (!type.equals("Seq Scan")
                || "jobs".equals(plan.path("Relation Name").asText()))) {
            return true;
        }
        for (JsonNode child : plan.path("Plans")) {
            if (hasNode(child, type)) {
                return true;
            }
        }
        return false;
    }

    /** The first page and a page from a cursor in the middle of the listing. */
    private static List<JobQuery> pages(JobQuery query, String org) {
        Instant middle = Instant.now().minus(180, ChronoUnit.DAYS);
        String value = switch (query.sort()) {
            case CREATED_AT, UPDATED_AT, FINISHED_AT -> middle.toString();
            case STATUS -> "queued";
            case PROCESS_ID -> "clip";
        };
        List<JobQuery> pages = new ArrayList<>(List.of(query,
                query.continuedAfter(new JobQuery.After(value, jobId(org, SEEDED_JOBS / 2)))));
        if (query.sort().nullable()) {
            pages.add(query.continuedAfter(new JobQuery.After(null, jobId(org, SEEDED_JOBS / 2))));
        }
        return pages;
    }

    private static String describe(JobQuery q) {
        return "filters project=" + q.projectId() + " workspace=" + q.workspaceId() + " process=" + q.processId()
                + " type=" + q.jobType() + " status=" + q.statuses() + " ids=" + q.ids() + " sort="
                + (q.descending() ? "-" : "") + q.sort().column() + " cursor=" + q.after();
    }

    private static JobQuery query(String org, String project, String workspace, String process, String type,
            List<String> statuses, List<String> ids) {
        return new JobQuery(org, project, workspace, process, type, statuses, ids, SortColumn.CREATED_AT, true, PAGE,
                0, false, false, null);
    }

    private static JobQuery sorted(JobQuery q, SortColumn sort, boolean descending) {
        return new JobQuery(q.orgId(), q.projectId(), q.workspaceId(), q.processId(), q.jobType(), q.statuses(),
                q.ids(), sort, descending, q.limit(), q.offset(), false, false, null);
    }

    private static String jobId(String org, int n) {
        return "job_" + org + "_" + String.format("%09d", n);
    }
}
