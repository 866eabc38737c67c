package io.popflow.slow;

/**
 * One exploit-and-explore event, for the lineage output: at the end of {@code generation},
 * {@code recipient} took {@code donor}'s weights and hyperparameters, explored.
 *
 * @param generation the generation whose fitness table decided it
 * @param recipient the replaced agent
 * @param donor the copied agent ({@link Exploitation#RESET} for a restart from fresh weights)
 * @param oldHyperparameters the recipient's h before
 * @param newHyperparameters its h after
 * @param operations what each mutation did, e.g. {@code "lr * 0.8"}
 */
public record LineageEvent(
        int generation,
        int recipient,
        int donor,
        double[] oldHyperparameters,
        double[] newHyperparameters,
        String[] operations) {

    public static LineageEvent of(int generation, Exploitation e) {
        return new LineageEvent(generation, e.recipient(), e.donor(), e.oldH(), e.newH(), e.operations());
    }
}
