/**
 * Evolution strategies over the weights, the slow time scale's alternative to selection and
 * mutation: a search distribution asked for members by seed and told their fitness ({@link
 * io.popflow.es.EvolutionStrategy}: {@link io.popflow.es.OpenAiEs}, {@link io.popflow.es.Snes},
 * {@link io.popflow.es.SepCmaEs}, {@link io.popflow.es.CmaEs}), chosen by the {@code strategy}
 * section ({@link io.popflow.es.StrategySettings}). Members are rebuilt from the generation's seed
 * ({@link io.popflow.es.SharedNoise}), so the feedback edge carries N + 4 numbers per generation
 * ({@link io.popflow.es.EsGeneration}) and every trainer subtask's {@link
 * io.popflow.es.DistributionReplica} tells its own copy, checked by digest against the slow
 * operator's ({@link io.popflow.es.StrategyStates}). No Flink here.
 */
package io.popflow.es;
