package io.popflow.theory;

/**
 * The mean-field limit of one synchronous generation of Boltzmann selection and Gaussian mutation,
 * as a map on densities: ρ' = K * (ρ e^{αF} / ∫ρ e^{αF}), with K the Gaussian kernel of standard
 * deviation σ reflected at the ends of the domain (the law of {@code GaussianMutation}). A finite
 * population of N agents run by the same rules has an empirical measure that follows this map up to
 * O(N^{-1/2}) (propagation of chaos, closed-forms §6). With σ² = 2Dα it is a splitting of the
 * replicator-mutator equation with time step α (docs/reduced-dynamics.md).
 */
public final class DiscreteGenerationMap {
    private static final double[] GAUSS_NODES = {
        -0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526
    };
    private static final double[] GAUSS_WEIGHTS = {
        0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538
    };

    private final Grid grid;
    private final double[] fitness;
    private final double alpha;
    private final double[][] kernel;

    /**
     * @param fitness F at the cell centres
     * @param alpha selection strength
     * @param sigma mutation standard deviation per generation
     */
    public DiscreteGenerationMap(Grid grid, double[] fitness, double alpha, double sigma) {
        this.grid = grid;
        this.fitness = fitness.clone();
        this.alpha = alpha;
        this.kernel = reflectedGaussian(grid, sigma);
    }

    /** One generation. */
    public double[] step(double[] rho) {
        double[] selected = rho.clone();
        ReplicatorMutatorSolver.select(selected, fitness, alpha, grid.dx());
        int n = grid.n();
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            if (selected[j] == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                out[i] += kernel[i][j] * selected[j];
            }
        }
        return out;
    }

    /** {@code generations} generations from {@code rho0}. */
    public double[] iterate(double[] rho0, int generations) {
        double[] rho = rho0.clone();
        for (int g = 0; g < generations; g++) {
            rho = step(rho);
        }
        return rho;
    }

    /**
     * K[i][j]: the probability that mass spread uniformly over cell j lands in cell i after a
     * reflected Gaussian step (4-point Gauss-Legendre over the source cell, the method of images for
     * the reflections). Every interval end, relative to a source node, is a whole number e of cells
     * minus the node's offset, so Φ is tabulated once per (e, node) and the n² entries are sums of
     * table lookups.
     */
    private static double[][] reflectedGaussian(Grid grid, double sigma) {
        int n = grid.n();
        double[][] k = new double[n][n];
        if (sigma == 0) {
            for (int i = 0; i < n; i++) {
                k[i][i] = 1;
            }
            return k;
        }
        double dx = grid.dx();
        int images = (int) Math.ceil(10 * sigma / (2 * (grid.hi() - grid.lo()))) + 1;
        int minE = -2 * n - 1 - 2 * images * n;
        int maxE = n + 1 + 2 * images * n;
        double[][] phi = new double[GAUSS_NODES.length][maxE - minE + 1];
        for (int q = 0; q < GAUSS_NODES.length; q++) {
            double offset = dx * (GAUSS_NODES[q] + 1) / 2;
            for (int e = minE; e <= maxE; e++) {
                phi[q][e - minE] = Normal.cdf((e * dx - offset) / sigma);
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double p = 0;
                for (int q = 0; q < GAUSS_NODES.length; q++) {
                    double[] f = phi[q];
                    double sum = 0;
                    for (int m = -images; m <= images; m++) {
                        int direct = i - j + 2 * m * n - minE;
                        int mirrored = -(i + j) + 2 * m * n - minE;
                        sum += f[direct + 1] - f[direct];
                        sum += f[mirrored] - f[mirrored - 1];
                    }
                    p += GAUSS_WEIGHTS[q] / 2 * sum;
                }
                k[i][j] = p;
            }
        }
        return k;
    }
}
