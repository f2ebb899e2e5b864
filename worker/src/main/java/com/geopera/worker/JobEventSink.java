package com.geopera.worker;

import com.geopera.common.messaging.JobEvent;
import java.util.concurrent.CompletionStage;

/** Where job events go; the returned stage completes when the broker has acknowledged the event. */
@FunctionalInterface
public interface JobEventSink {
    CompletionStage<Void> publish(JobEvent event);
}
