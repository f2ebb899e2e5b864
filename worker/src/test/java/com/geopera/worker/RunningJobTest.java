package com.geopera.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobEvent;
import com.geopera.common.messaging.JobEventType;
import com.geopera.worker.service.JobEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunningJobTest {
    private final DispatchJob job = new DispatchJob(1, "cmd_1", "job_1", 1, "org_1", "clip", null, "clip",
            JsonNodeFactory.instance.objectNode(), 1, Instant.now());
    private final JobEvents events = new JobEvents("w1", Clock.systemUTC());
    private final List<JobEvent> sent = new CopyOnWriteArrayList<>();
    private final RunningJob running = new RunningJob(job, Instant.now(), event -> {
        sent.add(event);
        return CompletableFuture.completedFuture(null);
    });

    private List<JobEventType> types() {
        return sent.stream().map(JobEvent::type).toList();
    }

    @Test
    void nothing_is_reported_before_started() {
        running.report(events.heartbeat(job, 0));
        running.report(events.started(job));
        running.report(events.heartbeat(job, 0));
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.HEARTBEAT);
    }

    @Test
    void nothing_is_reported_after_the_terminal_event() {
        running.report(events.started(job));
        running.finish(events.completed(job, List.of(), null));
        running.report(events.heartbeat(job, 50));
        running.finish(events.failed(job, null));
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.COMPLETED);
    }

    @Test
    void the_first_stop_reason_wins() {
        assertThat(running.stop(StopReason.CANCEL_REQUESTED)).isTrue();
        assertThat(running.stop(StopReason.TIMED_OUT)).isFalse();
        assertThat(running.stopReason()).contains(StopReason.CANCEL_REQUESTED);
        assertThat(running.isCancelled()).isTrue();
    }
}
