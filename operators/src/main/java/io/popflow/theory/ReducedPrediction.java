package io.popflow.theory;

import io.popflow.agent.Learner;
import io.popflow.config.PopulationConfig;
import io.popflow.slow.Domain;
import io.popflow.slow.GaussianMutation;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import java.util.Optional;

/**
 * What the theory predicts for a run's density of h, generation by generation: the mean-field map
 * of Boltzmann selection on the closed-form effective fitness F(h) and reflected Gaussian mutation
 * ({@link DiscreteGenerationMap}, a splitting of the replicator-mutator equation, see
 * docs/reduced-dynamics.md), from the uniform density generation 0 is drawn from. A run of N agents
 * follows it up to O(N^{-1/2}) with closed-form fitness, and with other estimators as far as they
 * estimate F.
 *
 * @param hyperparameter the one mutable hyperparameter, by name
 * @param domain its domain; the grid is over its coordinate ({@link Domain#coordinate})
 * @param grid cells over the coordinate
 * @param densities {@code densities[g]}: the predicted density of the coordinate in generation g
 */
public record ReducedPrediction(String hyperparameter, Domain.Interval domain, Grid grid, double[][] densities) {
    private static final int CELLS = 400;

    /**
     * The prediction for {@code config}'s first {@code generations} generations; empty unless the
     * run is one the equation describes: synchronous Boltzmann selection, Gaussian mutation in the
     * domain's coordinate reflected at its ends, one mutable hyperparameter on a continuous interval
     * drawn uniformly at first, and a task with a closed-form effective fitness.
     */
    public static Optional<ReducedPrediction> of(PopulationConfig config, int generations) {
        HyperparameterSpace space = config.space();
        MutationSettings m = config.mutation();
        boolean described = !config.isEvolutionStrategy()
                && !config.asynchronous()
                && config.selection().rule() == SelectionSettings.Rule.BOLTZMANN
                && m.kernel() == MutationSettings.Kernel.GAUSSIAN
                && m.space() == GaussianMutation.Space.COORDINATE
                && m.boundary() == GaussianMutation.Boundary.REFLECT
                && !config.merge().isOn()
                && config.task().hasClosedForm()
                && space.size() == 1
                && space.domain(0) instanceof Domain.Interval interval
                && !interval.integer()
                && space.initialDomain(0).equals(interval);
        if (!described) {
            return Optional.empty();
        }
        Domain.Interval domain = (Domain.Interval) space.domain(0);
        Grid grid = new Grid(domain.lowerCoordinate(), domain.upperCoordinate(), CELLS);
        Learner learner = Learner.of(config);
        double[] fitness =
                grid.sample(y -> learner.closedFormFitness(space.resolve(new double[] {domain.fromCoordinate(y)})));
        for (double f : fitness) {
            if (!Double.isFinite(f)) {
                return Optional.empty();
            }
        }
        double alpha = config.selection().strength();
        DiscreteGenerationMap map =
                new DiscreteGenerationMap(grid, fitness, alpha, Math.sqrt(2 * m.diffusion() * m.dt()));
        double[][] densities = new double[generations][];
        densities[0] = grid.uniform();
        for (int g = 1; g < generations; g++) {
            densities[g] = map.step(densities[g - 1]);
        }
        return Optional.of(new ReducedPrediction(space.name(0), domain, grid, densities));
    }

    /** The {@code q}-quantile of generation {@code g}'s predicted density, in the coordinate. */
    public double quantile(int g, double q) {
        double[] rho = densities[g];
        double total = grid.mass(rho);
        double cumulative = 0;
        for (int i = 0; i < rho.length; i++) {
            double cell = rho[i] * grid.dx() / total;
            if (cumulative + cell >= q) {
                double within = cell == 0 ? 0 : (q - cumulative) / cell;
                return grid.lo() + (i + within) * grid.dx();
            }
            cumulative += cell;
        }
        return grid.hi();
    }
}
