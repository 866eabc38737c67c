/**
 * A user's environment for popflow, {@link io.popflow.examples.acrobot.Acrobot}: Acrobot-v1 in a
 * project that depends on popflow-api alone, as a user's own would.
 */
package io.popflow.examples.acrobot;
