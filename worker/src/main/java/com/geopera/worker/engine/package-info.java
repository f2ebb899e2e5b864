/**
 * The imagery engine as the worker uses it: built once from configuration ({@code ImageryEngineProducer}) and
 * run to completion for one attempt at a time ({@code ProcessRunner}).
 */
package com.geopera.worker.engine;
