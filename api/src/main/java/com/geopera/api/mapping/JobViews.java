package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.api.service.OutputStorage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job JSON clients see (every member present, null when unknown); output hrefs are served by the api. */
public final class JobViews {
    private JobViews() {
    }

    /** {@code base} ends with a slash, e.g. {@code http://127.0.0.1:8080/}. */
    public static Map<String, Object> view(Job job, String base) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("job_id", job.jobId);
        v.put("status", job.status.wireName());
        v.put("ogc_status", job.status.ogcStatus());
        v.put("process_id", job.processId);
        v.put("process_version", job.processVersion);
        v.put("job_type", job.jobType);
        v.put("queue", job.queue);
        v.put("title", job.title);
        v.put("org_id", job.orgId);
        v.put("workspace_id", job.workspaceId);
        v.put("project_id", job.projectId);
        v.put("inputs", job.inputs);
        v.put("progress", job.progress);
        v.put("attempt", job.attempt);
        v.put("worker_id", job.workerId);
        v.put("created_at", job.createdAt);
        v.put("updated_at", job.updatedAt);
        v.put("started_at", job.startedAt);
        v.put("finished_at", job.finishedAt);
        v.put("heartbeat_at", job.heartbeatAt);
        if (job.errorCode == null) {
            v.put("error", null);
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", job.errorCode);
            error.put("message", job.errorMessage);
            v.put("error", error);
        }
        v.put("outputs", outputs(job, base));
        v.put("outputs_deleted_at", job.outputsDeletedAt);
        Map<String, Object> billing = new LinkedHashMap<>();
        billing.put("estimated_credits", job.estimatedCredits);
        billing.put("reserved_credits", job.reservedCredits);
        billing.put("charged_credits", job.chargedCredits);
        billing.put("released_credits", job.releasedCredits);
        billing.put("status", job.billingStatus.wireName());
        v.put("billing", billing);
        return v;
    }

    /** A job in a list page: without its {@code inputs} member unless they were asked for. */
    public static Map<String, Object> listed(Job job, String base, boolean withInputs) {
        Map<String, Object> v = view(job, base);
        if (!withInputs) {
            v.remove("inputs");
        }
        return v;
    }

    private static List<Map<String, Object>> outputs(Job job, String base) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (job.outputs == null) {
            return list;
        }
        for (JsonNode output : job.outputs) {
            String name = output.path("name").asText();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", name);
            String stored = output.path("href").asText(null);
            boolean external = OutputStorage.isExternal(stored);
            // An external output is shown where it is: the api neither serves nor proxies it.
            o.put("href", external ? stored : outputHref(base, job.jobId, name));
            o.put("external", external);
            o.put("media_type", output.path("media_type").asText(null));
            o.put("size_bytes", output.path("size_bytes").asLong());
            o.put("metadata", output.get("metadata"));
            list.add(o);
        }
        return list;
    }

    public static String outputHref(String base, String jobId, String name) {
        return base + "v1/processing/jobs/" + jobId + "/outputs/" + name;
    }
}
