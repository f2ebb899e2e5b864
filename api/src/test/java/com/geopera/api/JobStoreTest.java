package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.geopera.api.store.JobStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import org.junit.jupiter.api.Test;

/**
 * The {@code jobs} row against PostgreSQL: updates are optimistic on its {@code @Version}, and a job changed in
 * memory is written only when the store is asked to.
 */
@QuarkusTest
class JobStoreTest {
    @Inject
    JobStore jobs;

    @Test
    void of_two_concurrent_updates_of_one_job_the_second_fails_on_its_version_and_writes_nothing() {
        String jobId = createdJob();
        long readVersion = jobs.find(jobId).orElseThrow().version;

        Throwable refused = catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
            Job second = jobs.find(jobId).orElseThrow();
            // The first transaction reads the same version, writes and commits while the second is still open.
            QuarkusTransaction.requiringNew().run(() -> {
                Job first = jobs.find(jobId).orElseThrow();
                first.title = "written by the first";
                jobs.update(first);
            });
            second.title = "written by the second";
            jobs.update(second);
        }));

        assertThat(refused).isInstanceOf(OptimisticLockException.class).hasMessageContaining(jobId);
        Job stored = jobs.find(jobId).orElseThrow();
        assertThat(stored.title).isEqualTo("written by the first");
        assertThat(stored.version).isEqualTo(readVersion + 1);
    }

    @Test
    void an_update_bumps_the_version_so_the_same_job_can_be_written_again_in_its_transaction() {
        String jobId = createdJob();
        long readVersion = jobs.find(jobId).orElseThrow().version;

        QuarkusTransaction.requiringNew().run(() -> {
            Job job = jobs.lock(jobId).orElseThrow();
            job.title = "once";
            jobs.update(job);
            job.title = "twice";
            jobs.update(job);
        });

        Job stored = jobs.find(jobId).orElseThrow();
        assertThat(stored.title).isEqualTo("twice");
        assertThat(stored.version).isEqualTo(readVersion + 2);
    }

    @Test
    void a_job_changed_in_memory_but_not_updated_leaves_its_row_as_it_was() {
        String jobId = createdJob();
        Job before = jobs.find(jobId).orElseThrow();

        QuarkusTransaction.requiringNew().run(() -> {
            Job locked = jobs.lock(jobId).orElseThrow();
            // What the liveness overlay does to a running job read for a transition that is then refused.
            locked.progress = 42;
            locked.title = "never written";
        });

        Job stored = jobs.find(jobId).orElseThrow();
        assertThat(stored.title).isEqualTo(before.title);
        assertThat(stored.progress).isEqualTo(before.progress);
        assertThat(stored.version).isEqualTo(before.version);
    }

    private static String createdJob() {
        Fixture org = Fixture.org(100_000);
        Response created = org.call("processing.create", org.clipBody());
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        return created.path("job_id");
    }
}
