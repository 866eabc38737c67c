package io.popflow.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The solver against the exact Gaussian solutions of closed-forms §4. */
class ReplicatorMutatorSolverTest {
    private static final Grid GRID = new Grid(-3, 3, 1200);

    /**
     * a = 2, D = 0.05 (the check value of closed-forms §4), from below and from above V∞ = 0.158.
     * Tolerance 1e-3 relative, the issue's; the scheme's own error at Δx = 0.005, τ = 0.005 is
     * O(Δx² + τ²) ≈ 1e-5.
     */
    @ParameterizedTest
    @CsvSource({"-0.5,0.02", "0.0,0.5"})
    void quadraticFitnessFollowsTheGaussianOde(double m0, double v0) {
        double a = 2;
        double d = 0.05;
        double optimum = 1.0;
        double[] fitness = GRID.sample(h -> -a * (h - optimum) * (h - optimum));
        double[] rho = GRID.gaussian(m0, v0);
        double t = 0;
        for (double until : new double[] {0.5, 1, 2, 3}) {
            rho = ReplicatorMutatorSolver.solve(GRID, rho, fitness, d, until - t, 0.005);
            t = until;
            GaussianReplicatorOde.Moments exact = GaussianReplicatorOde.quadratic(a, optimum, d, m0, v0, t);
            assertThat(GRID.variance(rho))
                    .as("variance at t=%s", t)
                    .isCloseTo(exact.variance(), within(1e-3 * exact.variance()));
            assertThat(GRID.mean(rho))
                    .as("mean at t=%s", t)
                    .isCloseTo(exact.mean(), within(1e-3 * Math.abs(exact.mean())));
        }
    }

    /** Linear fitness F = h: V(t) = V₀ + 2Dt, m(t) = m₀ + V₀t + Dt² (Alfaro &amp; Carles). */
    @Test
    void linearFitnessGrowsTheVarianceLinearly() {
        double d = 0.05;
        double m0 = -1;
        double v0 = 0.05;
        double[] rho = ReplicatorMutatorSolver.solve(GRID, GRID.gaussian(m0, v0), GRID.sample(h -> h), d, 2, 0.005);
        GaussianReplicatorOde.Moments exact = GaussianReplicatorOde.linear(d, m0, v0, 2);
        assertThat(GRID.variance(rho)).isCloseTo(exact.variance(), within(1e-3 * exact.variance()));
        assertThat(GRID.mean(rho)).isCloseTo(exact.mean(), within(1e-3 * Math.abs(exact.mean())));
    }

    /** No-flux ends and exact selection: mass is conserved to rounding, even for rough F and a density at the wall. */
    @Test
    void massIsConserved() {
        Grid grid = new Grid(0, 1, 200);
        double[] rho = grid.sample(h -> h < 0.1 ? 5 : 0.2);
        double before = grid.mass(rho);
        double[] after = ReplicatorMutatorSolver.solve(grid, rho, grid.sample(h -> Math.sin(20 * h) * 3), 0.3, 5, 0.01);
        assertThat(Math.abs(grid.mass(after) - before) / before).isLessThan(1e-9);
        assertThat(java.util.Arrays.stream(after).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }

    /** 2-D with F = −a₁(x − x*)² − a₂(y − y*)²: the two marginals follow their own Gaussian ODEs. */
    @Test
    void separableTwoDimensionalCase() {
        Grid x = new Grid(-2.5, 2.5, 200);
        Grid y = new Grid(-2.5, 2.5, 200);
        double a1 = 2;
        double a2 = 0.5;
        double d = 0.05;
        double[][] rho = new double[x.n()][y.n()];
        double[][] f = new double[x.n()][y.n()];
        double[] gx = x.gaussian(-0.5, 0.03);
        double[] gy = y.gaussian(0.5, 0.2);
        for (int i = 0; i < x.n(); i++) {
            for (int j = 0; j < y.n(); j++) {
                rho[i][j] = gx[i] * gy[j];
                f[i][j] = -a1 * Math.pow(x.center(i) - 0.3, 2) - a2 * Math.pow(y.center(j) + 0.2, 2);
            }
        }
        double initialMass = x.mass(gx) * y.mass(gy);
        double[][] out = ReplicatorMutatorSolver.solve(x, y, rho, f, d, 2, 0.01);
        double[] mx = new double[x.n()];
        double[] my = new double[y.n()];
        double mass = 0;
        for (int i = 0; i < x.n(); i++) {
            for (int j = 0; j < y.n(); j++) {
                mx[i] += out[i][j];
                my[j] += out[i][j];
                mass += out[i][j] * x.dx() * y.dx();
            }
        }
        assertThat(mass).isCloseTo(initialMass, within(1e-9));
        GaussianReplicatorOde.Moments ex = GaussianReplicatorOde.quadratic(a1, 0.3, d, -0.5, 0.03, 2);
        GaussianReplicatorOde.Moments ey = GaussianReplicatorOde.quadratic(a2, -0.2, d, 0.5, 0.2, 2);
        assertThat(x.variance(mx)).isCloseTo(ex.variance(), within(1e-3 * ex.variance()));
        assertThat(x.mean(mx)).isCloseTo(ex.mean(), within(1e-3 * Math.abs(ex.mean())));
        assertThat(y.variance(my)).isCloseTo(ey.variance(), within(1e-3 * ey.variance()));
        assertThat(y.mean(my)).isCloseTo(ey.mean(), within(1e-3 * Math.abs(ey.mean())));
    }
}
