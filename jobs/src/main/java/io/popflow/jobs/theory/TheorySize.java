package io.popflow.jobs.theory;

/**
 * How large the theory checks' runs are. {@code standard} is the default: a few minutes on two
 * cores, with every size the checks name.
 *
 * @param langevinAgents agents of the Langevin runs
 * @param equilibriumAgents agents of the equilibrium-variance runs (N ≥ 1000 for the check)
 * @param equilibriumGenerations generations of those runs
 * @param equilibriumSeeds independent runs per fitness estimator
 * @param populations population sizes of the large-population slope
 * @param slopeSeeds seeds per population size
 * @param windowSeeds seeds per fast-window length of the two-time-scale limit
 * @param estimatorSeeds seeds per estimator and task of the estimator comparison
 */
public record TheorySize(
        int langevinAgents,
        int equilibriumAgents,
        int equilibriumGenerations,
        int equilibriumSeeds,
        int[] populations,
        int slopeSeeds,
        int windowSeeds,
        int estimatorSeeds) {

    public static TheorySize standard() {
        return new TheorySize(64, 1000, 150, 2, new int[] {100, 300, 1000, 3000}, 5, 3, 5);
    }

    /** Adds N = 10,000 to the slope and runs more seeds. */
    public static TheorySize large() {
        return new TheorySize(128, 3000, 200, 3, new int[] {100, 300, 1000, 3000, 10_000}, 8, 5, 8);
    }

    /** Smaller runs for a quick look; the tolerances follow the sizes, but N stays below the 1000. */
    public static TheorySize small() {
        return new TheorySize(32, 400, 100, 2, new int[] {50, 100, 200, 400, 800}, 5, 2, 3);
    }

    public static TheorySize named(String name) {
        return switch (name) {
            case "small" -> small();
            case "standard" -> standard();
            case "large" -> large();
            default ->
                throw new io.popflow.option.InvalidOptionException(
                        "size", "unknown size '" + name + "' (known: small, standard, large)");
        };
    }
}
