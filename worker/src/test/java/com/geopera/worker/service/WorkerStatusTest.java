package com.geopera.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.WorkerHeartbeat;
import com.geopera.common.messaging.WorkerHeartbeat.OwnedPartition;
import com.geopera.common.messaging.WorkerHeartbeat.RunningAttempt;
import com.geopera.worker.RunningJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WorkerStatusTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T13:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_worker_heartbeat_names_its_slots_running_attempts_and_owned_partitions() {
        JobSlots slots = new JobSlots(3);
        slots.acquire();
        RunningJobs running = new RunningJobs(Duration.ofMinutes(10), clock);
        running.add(new RunningJob(TestDispatches.dispatch("job_a", 2, "clip"), clock.instant(),
                event -> CompletableFuture.completedFuture(null)));
        List<TopicPartition> assigned = List.of(new TopicPartition("geopera.jobs.dispatch.clip", 4),
                new TopicPartition("geopera.jobs.dispatch.clip", 1));
        WorkerStatus status = new WorkerStatus("worker-a", "1.2.3", List.of("clip", "bathy"), slots, running,
                () -> assigned, clock);

        WorkerHeartbeat heartbeat = status.heartbeat();

        assertThat(heartbeat.workerId()).isEqualTo("worker-a");
        assertThat(heartbeat.version()).isEqualTo("1.2.3");
        assertThat(heartbeat.queues()).containsExactly("clip", "bathy");
        assertThat(heartbeat.slots()).isEqualTo(3);
        assertThat(heartbeat.slotsBusy()).isEqualTo(1);
        assertThat(heartbeat.running()).containsExactly(new RunningAttempt("job_a", 2, "clip", "clip"));
        assertThat(heartbeat.partitions()).containsExactly(new OwnedPartition("geopera.jobs.dispatch.clip", 1),
                new OwnedPartition("geopera.jobs.dispatch.clip", 4));
        assertThat(heartbeat.sentAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_worker_without_work_or_partitions_reports_every_slot_free() {
        WorkerStatus status = new WorkerStatus("worker-b", "1.2.3", List.of("clip"), new JobSlots(2),
                new RunningJobs(Duration.ofMinutes(10), clock), List::of, clock);

        WorkerHeartbeat heartbeat = status.heartbeat();

        assertThat(heartbeat.slotsBusy()).isZero();
        assertThat(heartbeat.running()).isEmpty();
        assertThat(heartbeat.partitions()).isEmpty();
    }
}
