package com.geopera.imagery.process;

import java.util.function.Function;

/** A prepared run whose work, given the run's context, is one function. */
record DeferredRun(Basis basis, Function<RunContext, ProducedRaster> work) implements PreparedRun {

    @Override
    public ProducedRaster execute(RunContext context) {
        return work.apply(context);
    }
}
