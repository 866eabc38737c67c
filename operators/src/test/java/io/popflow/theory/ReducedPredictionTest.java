package io.popflow.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.config.CopyPolicy;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.slow.Domain;
import io.popflow.slow.FitnessEstimate;
import io.popflow.slow.HyperparameterSpace;
import io.popflow.slow.ModelMerge;
import io.popflow.slow.MutationSettings;
import io.popflow.slow.SelectionSettings;
import io.popflow.task.Landscape;
import io.popflow.task.LandscapeTaskSpec;
import io.popflow.testing.TestConfigs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run's configuration read as the reduced equation: on the sphere landscape F(h) = −a(h² + v), with
 * Boltzmann selection of strength α and Gaussian mutation D, Δt = α, the predicted density settles
 * at the discrete map's Gaussian equilibrium N(0, αD + sqrt(α²D² + D/a)) (docs/reduced-dynamics.md).
 */
class ReducedPredictionTest {
    private static final double A = 2;
    private static final double D = 0.02;
    private static final double ALPHA = 0.1;

    private static PopulationConfig sphere(MutationSettings mutation) {
        LandscapeTaskSpec task = new LandscapeTaskSpec(Landscape.SPHERE, 1, 1, A, new double[] {0});
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(task.hyperparameters().get(0), new Domain.Interval(-2, 2, Domain.Scale.LINEAR, false));
        HyperparameterSpace space = new HyperparameterSpace(
                UpdateRule.SGLD,
                m,
                Map.of(Hyperparameter.LR, 0.1, Hyperparameter.TEMPERATURE, 0.001),
                task.hyperparameters());
        return new PopulationConfig(
                1,
                100,
                10,
                1,
                1,
                task,
                space,
                new SelectionSettings(SelectionSettings.Rule.BOLTZMANN, 0.25, ALPHA, 1),
                mutation,
                ModelMerge.off(),
                CopyPolicy.defaults(space.rule()),
                FitnessEstimate.last(),
                false,
                1,
                128,
                1000);
    }

    @Test
    void settlesAtTheDiscreteMapsGaussianEquilibrium() {
        int generations = 400; // time 40 of the equation; relaxation rate 2aV ≈ 0.4: e^-16 of the start is left
        ReducedPrediction p = ReducedPrediction.of(
                        sphere(new MutationSettings(
                                MutationSettings.Kernel.GAUSSIAN, 0.25, new double[] {1.2, 0.8}, D, ALPHA, false)),
                        generations)
                .orElseThrow();
        double v = GaussianReplicatorOde.discreteEquilibriumVariance(A, D, ALPHA);
        int last = generations - 1;
        // cells of dx = 0.01: spreading mass over a source cell adds about dx²/12 to each step's variance
        // 2Dα = 0.004 (0.2 %), which shows as 0.2 % in V; 0.5 % allowed. Quantiles to within a cell.
        assertThat(p.grid().variance(p.densities()[last])).isCloseTo(v, within(v * 5e-3));
        assertThat(p.quantile(last, 0.5)).isCloseTo(0, within(0.01));
        assertThat(p.quantile(last, 0.841344746)).isCloseTo(Math.sqrt(v), within(0.01));
        assertThat(p.quantile(0, 0.25)).as("generation 0 is uniform on [-2, 2]").isCloseTo(-1, within(1e-9));
    }

    @Test
    void saysNothingOfRunsTheEquationDoesNotDescribe() {
        assertThat(ReducedPrediction.of(sphere(MutationSettings.pbt(0.25, new double[] {1.2, 0.8})), 10))
                .isEmpty();
        assertThat(ReducedPrediction.of(TestConfigs.quadratic(8, 10, 1), 10))
                .as("two hyperparameters, truncation")
                .isEmpty();
    }
}
