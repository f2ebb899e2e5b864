package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.common.json.Json;
import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.Estimate;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.InvalidInputsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The processes the imagery engine offers, their validation and cost estimates (GDAL runs in-process). */
@ApplicationScoped
public class ProcessService {
    @Inject
    ImageryEngine engine;

    public List<ProcessDescription> processes() {
        return engine.processes();
    }

    public Optional<ProcessDescription> find(String processId) {
        return processId == null ? Optional.empty() : engine.process(processId);
    }

    /** The process, or a 404 {@code process_not_found}. */
    public ProcessDescription require(String processId) {
        return find(processId).orElseThrow(() -> ApiProblem.of(ErrorCode.PROCESS_NOT_FOUND, "no process " + processId));
    }

    /** Job types (name, category, queue, processes), optionally of one category. */
    public List<Map<String, Object>> jobTypes(String category) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (ProcessDescription process : processes()) {
            if (category != null && !category.equals(process.category())) {
                continue;
            }
            Map<String, Object> type = byName.computeIfAbsent(process.jobType(), name -> {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("name", name);
                t.put("category", process.category());
                t.put("queue", process.queue());
                t.put("processes", new ArrayList<String>());
                return t;
            });
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) type.get("processes");
            ids.add(process.id());
        }
        return new ArrayList<>(byName.values());
    }

    /** Every problem of the inputs, with pointers under {@code /inputs}; an unknown process is one problem too. */
    public List<ValidationProblem> validate(String processId, JsonNode inputs) {
        if (find(processId).isEmpty()) {
            return List.of(unknownProcess(processId));
        }
        return engine.validate(processId, inputs);
    }

    /** The estimate, or a 422 listing every problem of the inputs. */
    public Estimate estimate(String processId, JsonNode inputs) {
        if (find(processId).isEmpty()) {
            throw ApiProblem.invalid(List.of(unknownProcess(processId)));
        }
        try {
            return engine.estimate(processId, inputs);
        } catch (InvalidInputsException e) {
            throw ApiProblem.invalid(e.problems());
        }
    }

    /** The {@code InputPin}s of the image inputs as they are now (JSON array), stored with the job. */
    public JsonNode pins(String processId, JsonNode inputs) {
        return Json.mapper().valueToTree(engine.pins(processId, inputs));
    }

    public static ValidationProblem unknownProcess(String processId) {
        return new ValidationProblem(InputErrorCodes.UNKNOWN_PROCESS, "/process_id", "no process " + processId);
    }
}
