package io.popflow.agent;

/**
 * An agent's account of one generation, emitted when its fast window ends.
 *
 * @param agent agent id
 * @param generation the generation just trained
 * @param steps fast steps taken since the agent was created (across copies: the recipient's own count)
 * @param hyperparameters the h it trained with
 * @param fitness the fitness estimate selection sees (higher is better); NaN if diverged
 * @param rawFitness fitness at the end of the window (NaN if diverged)
 * @param trueFitness the task's closed-form effective fitness F(h), NaN if it has none: the yardstick
 *     the estimators are measured against
 * @param trainLoss mean minibatch loss over the generation's steps
 * @param validationLoss loss on the validation data at the end of the window
 * @param validationAccuracy accuracy on the validation data (NaN for regression)
 * @param episodeReturn a control task's mean return of the episodes finished in the generation
 *     (NaN for gradient tasks, or if none finished)
 * @param diverged whether θ or the loss left the finite numbers
 * @param params θ at the end of the window, only when the slow dynamics merges weights (else null)
 * @param decisionLatencyMicros wall-clock time from the emission of the decision that started this
 *     generation to the start of its first step (weights copied, if any); -1 for generation 0. The
 *     one field that is not a function of the seed.
 * @param rngState the position of the agent's own random stream (SplitMix64 state) at the end of
 *     the generation: with the h above and the lineage, what {@code popflow replay} needs to retrain
 *     the winner's weights alone, bit for bit
 */
public record AgentReport(
        int agent,
        int generation,
        long steps,
        double[] hyperparameters,
        double fitness,
        double rawFitness,
        double trueFitness,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        double episodeReturn,
        boolean diverged,
        float[] params,
        long decisionLatencyMicros,
        long rngState) {}
