package io.popflow.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The discrete generation map and its relation to the replicator-mutator equation. */
class DiscreteGenerationMapTest {
    private static final Grid GRID = new Grid(-3, 3, 300);

    @Test
    void kernelKeepsMassInTheDomain() {
        DiscreteGenerationMap map = new DiscreteGenerationMap(GRID, new double[GRID.n()], 0, 0.4);
        double[] rho = GRID.sample(h -> h > 2.5 ? 10 : 0.01);
        assertThat(GRID.mass(map.step(rho))).isCloseTo(GRID.mass(rho), within(1e-12));
    }

    /**
     * With F = −a(h − h*)², a Gaussian stays Gaussian under the map: selection V → V/(1 + 2αaV),
     * mutation V → V + 2Dα, so the fixed point is V = αD + sqrt(α²D² + D/a) (derived in
     * docs/reduced-dynamics.md), which tends to the continuous sqrt(D/a). The grid's cell averages
     * converge at O(Δx²) (measured: relative error 6.5e-3, 1.6e-3, 4e-4 at 150, 300, 600 cells);
     * tolerance 1e-3 at 600 cells.
     */
    @Test
    void quadraticFitnessSettlesAtTheDiscreteEquilibrium() {
        double a = 2;
        double d = 0.05;
        double alpha = 0.25;
        Grid grid = new Grid(-3, 3, 600);
        DiscreteGenerationMap map =
                new DiscreteGenerationMap(grid, grid.sample(h -> -a * h * h), alpha, Math.sqrt(2 * d * alpha));
        double[] rho = map.iterate(grid.gaussian(0.4, 0.05), 200);
        double expected = GaussianReplicatorOde.discreteEquilibriumVariance(a, d, alpha);
        assertThat(grid.variance(rho)).isCloseTo(expected, within(1e-3 * expected));
        assertThat(grid.mean(rho)).isCloseTo(0, within(1e-6));
        assertThat(expected).isGreaterThan(GaussianReplicatorOde.equilibriumVariance(a, d));
    }

    /**
     * The map with strength α and mutation variance 2Dα is a first-order splitting of the equation
     * with step α: after time T = Gα its distance to the solver's solution shrinks in proportion to
     * α (ratio 1/2 when α halves; tolerance 0.15 for the higher-order terms).
     */
    @Test
    void generationsApproachTheEquationAsTheStrengthShrinks() {
        double a = 2;
        double d = 0.05;
        double time = 2;
        double[] fitness = GRID.sample(h -> -a * (h - 0.5) * (h - 0.5));
        double[] start = GRID.gaussian(-0.5, 0.05);
        double[] pde = ReplicatorMutatorSolver.solve(GRID, start, fitness, d, time, 0.002);
        double previous = Double.NaN;
        for (double alpha : new double[] {0.2, 0.1, 0.05}) {
            DiscreteGenerationMap map = new DiscreteGenerationMap(GRID, fitness, alpha, Math.sqrt(2 * d * alpha));
            double[] discrete = map.iterate(start, (int) Math.round(time / alpha));
            double error = Math.abs(GRID.variance(discrete) - GRID.variance(pde))
                    + Math.abs(GRID.mean(discrete) - GRID.mean(pde));
            if (!Double.isNaN(previous)) {
                assertThat(error / previous)
                        .as("error ratio at alpha=%s", alpha)
                        .isCloseTo(0.5, within(0.15));
            }
            previous = error;
        }
    }
}
