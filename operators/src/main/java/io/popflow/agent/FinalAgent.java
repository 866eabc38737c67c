package io.popflow.agent;

/**
 * An agent at the end of the run.
 *
 * @param agent agent id
 * @param generation its last generation
 * @param steps fast steps it took
 * @param hyperparameters its final h
 * @param fitness its last fitness estimate
 * @param paramsSha256 SHA-256 of θ as little-endian IEEE floats: equal digests, equal weights
 * @param testLoss test-set loss, measured for the best agent only (NaN otherwise)
 * @param testAccuracy test-set accuracy, measured for the best agent only (NaN otherwise)
 * @param testReturn a control task's mean return of greedy test episodes, for the best agent only
 * @param testMae a regression's test mean absolute error in original units (NaN otherwise)
 * @param testR2 a regression's test R² (NaN otherwise)
 * @param directivesApplied directives it acted on (one per generation, the final stop included)
 * @param transfersApplied weight copies it received
 * @param resentIgnored resent copies of directives or weights it had already acted on (non-zero
 *     only after a restore)
 */
public record FinalAgent(
        int agent,
        int generation,
        long steps,
        double[] hyperparameters,
        double fitness,
        String paramsSha256,
        double testLoss,
        double testAccuracy,
        double testReturn,
        double testMae,
        double testR2,
        int directivesApplied,
        int transfersApplied,
        int resentIgnored) {

    public boolean isTested() {
        return !Double.isNaN(testLoss) || !Double.isNaN(testReturn);
    }
}
