package com.geopera.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.messaging.Topics;
import org.junit.jupiter.api.Test;

class DerivedConfigSourceFactoryTest {

    @Test
    void every_served_queue_becomes_a_dispatch_topic_under_the_prefix() {
        assertThat(DerivedConfigSourceFactory.dispatchTopics(new Topics("t9"), "clip, terrain,,"))
                .isEqualTo("t9.jobs.dispatch.clip,t9.jobs.dispatch.terrain");
    }

    @Test
    void the_default_worker_id_names_host_and_process() {
        assertThat(DerivedConfigSourceFactory.defaultWorkerId()).endsWith("-" + ProcessHandle.current().pid());
    }
}
