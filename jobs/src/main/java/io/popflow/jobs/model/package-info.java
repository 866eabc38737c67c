/**
 * A run's trained models as files a consumer needs nothing of popflow for: {@code X.onnx} (the
 * graph, see {@code io.popflow.export}) and {@code X.json} (which run, agent and generation it is,
 * its validation fitness and h, and what its inputs and outputs mean), written so that a reader
 * never sees half a pair ({@link io.popflow.jobs.model.ModelFiles}). {@link
 * io.popflow.jobs.model.RunModels} makes the best agent's at the end of a run, or any agent's on
 * request, from the final weights a run keeps ({@link io.popflow.jobs.model.FinalWeights}); a run
 * that publishes a champion writes it to its {@code models/} folder ({@link
 * io.popflow.jobs.model.ChampionFiles}) and, with Kafka metrics, to a compacted topic ({@link
 * io.popflow.jobs.model.ChampionTopic}).
 */
package io.popflow.jobs.model;
