package com.geopera.imagery.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The processes the engine offers, by id, in a stable order. */
public final class ProcessCatalog {
    private final Map<String, ImageryProcess> processes = new LinkedHashMap<>();

    public ProcessCatalog(List<ImageryProcess> processes) {
        processes.forEach(p -> this.processes.put(p.id(), p));
    }

    /** Every process shipped with the engine. */
    public static ProcessCatalog standard() {
        return new ProcessCatalog(List.of(new ClipProcess(), new BathymetryProcess(), new NdviProcess(),
                new ReprojectProcess(), new CogProcess(), new HillshadeProcess()));
    }

    public List<ImageryProcess> all() {
        return List.copyOf(processes.values());
    }

    public Optional<ImageryProcess> find(String id) {
        return Optional.ofNullable(id == null ? null : processes.get(id));
    }
}
