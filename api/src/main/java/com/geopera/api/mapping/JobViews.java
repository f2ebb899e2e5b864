package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.api.contract.JobOutputView;
import com.geopera.api.contract.JobView;
import com.geopera.api.service.OutputDirectories;
import java.util.ArrayList;
import java.util.List;

/** The job JSON clients see (every member present, null when unknown); output hrefs are served by the api. */
public final class JobViews {
    private JobViews() {
    }

    /** {@code base} ends with a slash, e.g. {@code http://127.0.0.1:8080/}. */
    public static JobView view(Job job, String base) {
        JobView.JobError error = job.errorCode() == null ? null
                : new JobView.JobError(job.errorCode(), job.errorMessage());
        Job.Billing held = job.billing();
        JobView.JobBilling billing = new JobView.JobBilling(job.estimatedCredits, held.reservedCredits(),
                held.chargedCredits(), held.releasedCredits(), held.status().wireName());
        return new JobView(job.jobId, job.status().wireName(), job.status().ogcStatus(), job.processId, job.processVersion,
                job.jobType, job.queue, job.title, job.orgId, job.workspaceId, job.projectId, job.inputs, job.progress,
                job.attempt(), job.workerId, job.createdAt, job.updatedAt, job.startedAt, job.finishedAt, job.heartbeatAt,
                error, outputs(job, base), job.outputsDeletedAt, billing);
    }

    /** A job in a list page: without its {@code inputs} member unless they were asked for. */
    public static JobView listed(Job job, String base, boolean withInputs) {
        JobView view = view(job, base);
        return withInputs ? view : view.withoutInputs();
    }

    private static List<JobOutputView> outputs(Job job, String base) {
        List<JobOutputView> list = new ArrayList<>();
        if (job.outputs == null) {
            return list;
        }
        for (JsonNode output : job.outputs) {
            String name = output.path("name").asText();
            String stored = output.path("href").asText(null);
            boolean external = OutputDirectories.isExternal(stored);
            // An external output is shown where it is: the api neither serves nor proxies it.
            list.add(new JobOutputView(name, external ? stored : outputHref(base, job.jobId, name), external,
                    output.path("media_type").asText(null), output.path("size_bytes").asLong(), output.get("metadata")));
        }
        return list;
    }

    public static String outputHref(String base, String jobId, String name) {
        return base + "v1/processing/jobs/" + jobId + "/outputs/" + name;
    }
}
