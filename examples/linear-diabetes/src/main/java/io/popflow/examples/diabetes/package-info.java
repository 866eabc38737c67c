/**
 * A user's learner for popflow, {@link io.popflow.examples.diabetes.LinearDiabetes}: a {@link
 * io.popflow.api.Trainable} with its own state (a linear model of the diabetes data, trained by
 * SGD), in a project that depends on popflow-api alone, as a user's own would; and {@link
 * io.popflow.examples.diabetes.PlainLoop}, the same model trained by the user's own loop.
 */
package io.popflow.examples.diabetes;
