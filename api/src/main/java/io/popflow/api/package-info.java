/**
 * What a user's own code implements to join a popflow population: an {@link
 * io.popflow.api.Objective} (a parameter vector and its fitness) for the evolution strategies and
 * gradient learners, an {@link io.popflow.api.Environment} (the interface popflow's own
 * environments implement) for the DQN agents, or a {@link io.popflow.api.Trainable}, a learner with
 * its own state, for a model popflow does not know. The agent's code is the fast time scale;
 * popflow runs the slow one (fitness, selection, mutation) around it and hands each call the
 * agent's {@link io.popflow.api.Hyperparameters} and random stream.
 *
 * <p>Plain Java 17: this package imports nothing but {@code java.*}, so a user's project depends on
 * this module alone, without Flink or ND4J.
 *
 * <p><b>Compatibility.</b> The module has its own semantic version (its {@code pom.xml}; {@link
 * io.popflow.api.ApiVersion#CURRENT} at run time). Within one major version nothing public is
 * removed or changed, so a class built against 1.x runs on every later 1.y; a minor version only
 * adds (a method with a default, a type). {@code ApiSignaturesTest} fails when a public signature
 * changes without the version saying so.
 */
package io.popflow.api;
