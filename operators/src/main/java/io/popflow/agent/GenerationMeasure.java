package io.popflow.agent;

/**
 * What a learner measured of one agent at the end of a generation.
 *
 * @param fitness the raw fitness (higher is better): validation fitness, or the episode-return rule
 * @param trainLoss mean loss of the generation's gradient steps (NaN if it took none)
 * @param validationLoss loss on the validation data (NaN for a control task)
 * @param validationAccuracy accuracy on the validation data (NaN for regression and control tasks)
 * @param episodeReturn mean return of the episodes finished in the generation (NaN for gradient
 *     tasks, and for an agent that finished none)
 */
public record GenerationMeasure(
        double fitness, double trainLoss, double validationLoss, double validationAccuracy, double episodeReturn) {}
