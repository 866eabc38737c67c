/**
 * The Flink operators that hold the dynamics' state and call the Flink-free packages, where the
 * dynamics live: the keyed agent trainer, the fast time scale ({@link
 * io.popflow.flink.AgentTrainerOperator}, keyed by {@link io.popflow.flink.AgentPlacement}); the
 * fitness window ({@link io.popflow.flink.FitnessWindowFunction}) and the slow time scale's
 * operators ({@link io.popflow.flink.SelectionMutationOperator}, {@link
 * io.popflow.flink.AsyncSelectionMutationOperator}, {@link
 * io.popflow.flink.EvolutionStrategyOperator}); and the hand-written state serializers with
 * numbered formats ({@link io.popflow.flink.VersionedSerializer}) that keep old savepoints
 * readable. The feedback edge between the scales is {@code io.popflow.flink.feedback}; with it,
 * this is the only package of the module that may import Flink ({@code PureMathArchitectureTest}).
 */
package io.popflow.flink;
