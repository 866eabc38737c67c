package io.popflow.es;

/**
 * The strategy parameters of CMA-ES for dimension n and population λ (Hansen's tutorial, 2016,
 * Table 1; negative weights as its §A), shared by {@link CmaEs} and {@link SepCmaEs}.
 *
 * @param mu parents, ⌊λ/2⌋
 * @param weights λ recombination weights: μ positive ones summing to 1, then the negative ones
 *     (zero without active adaptation)
 * @param weightSum the sum of all λ weights
 * @param muEff variance-effective selection mass of the positive weights
 * @param cc learning rate of the rank-one evolution path
 * @param cs learning rate of the step-size path
 * @param c1 rank-one learning rate
 * @param cmu rank-μ learning rate
 * @param damps step-size damping
 * @param chiN E|N(0, I)|
 */
record CmaParameters(
        int mu,
        double[] weights,
        double weightSum,
        double muEff,
        double cc,
        double cs,
        double c1,
        double cmu,
        double damps,
        double chiN) {

    /**
     * @param active negative weights for the worse half (pycma's default)
     * @param covarianceScale factor on c₁ and c_μ: 1, or (n + 2)/3 for the diagonal model (Ros &amp; Hansen 2008)
     */
    static CmaParameters of(int n, int lambda, boolean active, double covarianceScale) {
        int mu = lambda / 2;
        double[] raw = new double[lambda];
        double positive = 0;
        double positiveSquares = 0;
        double negative = 0;
        double negativeSquares = 0;
        for (int i = 0; i < lambda; i++) {
            raw[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            if (i < mu) {
                positive += raw[i];
                positiveSquares += raw[i] * raw[i];
            } else {
                negative += raw[i];
                negativeSquares += raw[i] * raw[i];
            }
        }
        double muEff = positive * positive / positiveSquares;
        double cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        double cs = (muEff + 2) / (n + muEff + 5);
        double c1 = Math.min(1, covarianceScale * 2 / ((n + 1.3) * (n + 1.3) + muEff));
        double cmu = Math.min(1 - c1, covarianceScale * 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        double[] weights = new double[lambda];
        double muEffMinus = negativeSquares == 0 ? 0 : negative * negative / negativeSquares;
        double negativeScale =
                Math.min(1 + c1 / cmu, Math.min(1 + 2 * muEffMinus / (muEff + 2), (1 - c1 - cmu) / (n * cmu)));
        double sum = 0;
        for (int i = 0; i < lambda; i++) {
            weights[i] = i < mu ? raw[i] / positive : active ? raw[i] * negativeScale / -negative : 0;
            sum += weights[i];
        }
        double damps = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
        double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        return new CmaParameters(mu, weights, sum, muEff, cc, cs, c1, cmu, damps, chiN);
    }
}
