package io.popflow.agent;

/**
 * A donor's weights and optimizer memory as of the end of {@code generation}, on their way to a
 * recipient.
 *
 * @param generation the generation at whose end they were taken
 * @param donor the sending agent
 * @param params θ
 * @param optimizerMemory the update rule's memory: momentum buffer or Adam's moments (empty if it has none)
 * @param optimizerSteps steps taken with that memory (Adam's t)
 * @param fitnessMemory the donor's exponential fitness average (NaN if unused): it belongs to the weights
 * @param trainable a user trainable's saved state (its whole model), or null for popflow's learners
 */
public record WeightTransfer(
        int generation,
        int donor,
        float[] params,
        float[] optimizerMemory,
        long optimizerSteps,
        double fitnessMemory,
        byte[] trainable) {
    /** The weights of one of popflow's own learners. */
    public WeightTransfer(
            int generation,
            int donor,
            float[] params,
            float[] optimizerMemory,
            long optimizerSteps,
            double fitnessMemory) {
        this(generation, donor, params, optimizerMemory, optimizerSteps, fitnessMemory, null);
    }
}
