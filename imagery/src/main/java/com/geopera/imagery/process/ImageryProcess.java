package com.geopera.imagery.process;

import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;

/** One imagery process: its OGC description, its inputs, and the deep checks that turn inputs into a plan. */
public interface ImageryProcess {

    String id();

    ProcessDescription description();

    InputSpec inputs();

    /**
     * Checks what the schema cannot (the image behind the URI, bands, geometries, CRSs), adding every problem
     * found; returns the plan of the run when there was none, else null.
     */
    PreparedRun prepare(ValidInputs inputs, InputContext context, Problems problems);
}
