package io.popflow.es;

/**
 * One generation of an evolution strategy, as the slow operator saw it: the step size after the
 * generation's update, the mean's Euclidean norm, and the bytes the generation's commands take on
 * the feedback edge (serialized, as the Kafka edge carries them).
 *
 * @param generation the generation told
 * @param sigma the strategy's σ after the update ({@link EvolutionStrategy#sigma})
 * @param meanNorm |mean| after the update
 * @param feedbackBytes serialized bytes of the update and the directives sent back
 * @param feedbackRecords how many records that was
 * @param dimension the length of a member
 */
public record DistributionSummary(
        int generation, double sigma, double meanNorm, long feedbackBytes, int feedbackRecords, int dimension) {}
