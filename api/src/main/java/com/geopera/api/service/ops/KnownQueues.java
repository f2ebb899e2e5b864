package com.geopera.api.service.ops;

import com.geopera.api.ApiProblem;
import com.geopera.api.messaging.TopicInitializer;
import com.geopera.common.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** The worker queues of this deployment, and the refusal of a name that is none of them. */
@ApplicationScoped
public class KnownQueues {
    @Inject
    TopicInitializer topics;

    public Set<String> all() {
        return topics.queues();
    }

    /** 404 {@code not_found} unless the queue is one of this deployment's. */
    public String require(String queue) {
        if (!all().contains(queue)) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "no queue " + queue + "; the queues are " + all());
        }
        return queue;
    }
}
