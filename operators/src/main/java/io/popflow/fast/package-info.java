/**
 * The fast time scale: one step of an agent's weights θ for fixed hyperparameters h, given the
 * minibatch gradient of an {@link io.popflow.fast.Objective}. {@link io.popflow.fast.UpdateRule} is
 * SGD with momentum, SGLD (Langevin dynamics), Adam or AdamW ({@link io.popflow.fast.Adam}, also
 * the optimizer of DQN agents and OpenAI-ES); its optimizer memory (momentum buffer, Adam's
 * moments) and step count belong to the agent and travel with its weights. {@link
 * io.popflow.fast.Hyperparameter} names the knobs a step reads ({@link
 * io.popflow.fast.FastHyperparameters}) and those a task declares. No Flink here, and nothing else
 * of popflow: a leaf.
 */
package io.popflow.fast;
