/**
 * The fast time scale: noisy gradient steps on an agent's weights θ (SGD with momentum, SGLD) for
 * fixed hyperparameters h. No Flink here.
 */
package io.popflow.fast;
