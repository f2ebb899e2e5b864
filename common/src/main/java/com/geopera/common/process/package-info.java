/**
 * How processes are described (inputs, outputs, job type, queue) and what a run reports back: outputs, usage and
 * the pins of its inputs.
 */
package com.geopera.common.process;
