/**
 * A run's trained model as files a consumer needs nothing of popflow for: {@code X.onnx} (the
 * graph, see {@code io.popflow.export}) and {@code X.json} (which run, agent and generation it is,
 * its validation fitness and h, and what its inputs and outputs mean), written so that a reader
 * never sees half a file; and the agents' final weights a run keeps to export them from.
 */
package io.popflow.jobs.model;
