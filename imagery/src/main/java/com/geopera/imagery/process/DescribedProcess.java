package com.geopera.imagery.process;

import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.input.InputSpec;

/** Base of the processes: holds the OGC description and the input spec it was made from. */
abstract class DescribedProcess implements ImageryProcess {
    private final ProcessDescription description;
    private final InputSpec inputs;

    DescribedProcess(ProcessDescription description, InputSpec inputs) {
        this.description = description;
        this.inputs = inputs;
    }

    @Override
    public final String id() {
        return description.id();
    }

    @Override
    public final ProcessDescription description() {
        return description;
    }

    @Override
    public final InputSpec inputs() {
        return inputs;
    }
}
