package io.popflow.agent;

/**
 * An agent's account of one generation, emitted when its fast window ends.
 *
 * @param agent agent id
 * @param generation the generation just trained
 * @param steps fast steps taken since the agent was created (across copies: the recipient's own count)
 * @param hyperparameters the h it trained with
 * @param fitness fitness estimate (higher is better); NaN if diverged
 * @param trainLoss mean minibatch loss over the generation's steps
 * @param validationLoss loss on the validation data at the end of the window
 * @param validationAccuracy accuracy on the validation data (NaN for regression)
 * @param diverged whether θ or the loss left the finite numbers
 */
public record AgentReport(
        int agent,
        int generation,
        long steps,
        double[] hyperparameters,
        double fitness,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        boolean diverged) {}
