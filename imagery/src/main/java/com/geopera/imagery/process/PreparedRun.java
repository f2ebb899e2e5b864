package com.geopera.imagery.process;

/** A run whose inputs were checked: what it will cost, and how to carry it out. */
public interface PreparedRun {

    /** The quantities the estimate is computed from (upper bounds of the run's). */
    Basis basis();

    /** Carries out the run, writing one COG into the run's work directory. */
    ProducedRaster execute(RunContext context);
}
