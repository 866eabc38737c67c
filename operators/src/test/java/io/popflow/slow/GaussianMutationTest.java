package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaussianMutationTest {
    private static final Hyperparameter X =
            Hyperparameter.task("x0", 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private static HyperparameterSpace space() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(X, new Domain.Interval(-1, 1, Domain.Scale.LINEAR, false));
        m.put(Hyperparameter.LR, new Domain.Interval(1e-3, 1, Domain.Scale.LOG, false));
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Choice(new double[] {8, 16, 32, 64, 128}));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of(), List.of(X));
    }

    @Test
    void reflectionFoldsIntoTheInterval() {
        assertThat(GaussianMutation.reflect(0.3, 0, 1)).isEqualTo(0.3);
        assertThat(GaussianMutation.reflect(1.25, 0, 1)).isCloseTo(0.75, within(1e-15));
        assertThat(GaussianMutation.reflect(-0.25, 0, 1)).isCloseTo(0.25, within(1e-15));
        assertThat(GaussianMutation.reflect(2.25, 0, 1)).isCloseTo(0.25, within(1e-15));
        assertThat(GaussianMutation.reflect(-3.5, 0, 1)).isCloseTo(0.5, within(1e-15));
    }

    /**
     * Away from the ends a step is N(0, 2DΔt) in the coordinate (log for lr). 100,000 steps from
     * the middle of the domains (σ = 0.05, far from the ends in both coordinates): the mean has
     * standard error σ/sqrt(n), the variance relative error sqrt(2/n); 5 standard errors.
     */
    @Test
    void stepHasVarianceTwoDdtAwayFromTheBounds() {
        GaussianMutation mutation = new GaussianMutation(space(), 0.0125, 0.1);
        double sigma = mutation.stepDeviation();
        assertThat(sigma).isCloseTo(0.05, within(1e-15));
        SplitMix64 rng = new SplitMix64(4);
        int n = 100_000;
        double start = Math.log(0.03);
        double sumX = 0;
        double sumX2 = 0;
        double sumL = 0;
        double sumL2 = 0;
        for (int i = 0; i < n; i++) {
            double[] h = mutation.mutate(new double[] {0.0, 0.03, 32}, rng).hyperparameters();
            sumX += h[0];
            sumX2 += h[0] * h[0];
            double dl = Math.log(h[1]) - start;
            sumL += dl;
            sumL2 += dl * dl;
        }
        double tolMean = 5 * sigma / Math.sqrt(n);
        double tolVar = 5 * Math.sqrt(2.0 / n);
        assertThat(sumX / n).isCloseTo(0, within(tolMean));
        assertThat((sumX2 / n) / (sigma * sigma)).isCloseTo(1, within(tolVar));
        assertThat(sumL / n).isCloseTo(0, within(tolMean));
        assertThat((sumL2 / n) / (sigma * sigma)).isCloseTo(1, within(tolVar));
    }

    /** Even with steps far larger than the domain, values never leave it and counts stay whole. */
    @Test
    void neverLeavesTheBounds() {
        HyperparameterSpace space = space();
        GaussianMutation wide = new GaussianMutation(space, 50, 1);
        SplitMix64 rng = new SplitMix64(6);
        double[] h = {0.99, 0.9, 128};
        for (int i = 0; i < 50_000; i++) {
            h = wide.mutate(h, rng).hyperparameters();
            assertThat(space.contains(h)).as("%s", java.util.Arrays.toString(h)).isTrue();
        }
    }

    /**
     * Reflection makes the ends no-flux: started at the wall, the walk's law is the folded normal,
     * E|Z|σ = σ sqrt(2/π) away from the wall (Δt small against the domain, so one fold). 100,000
     * steps; 5 standard errors.
     */
    @Test
    void stepsAtTheWallAreFolded() {
        GaussianMutation mutation = new GaussianMutation(space(), 0.0125, 0.1);
        double sigma = mutation.stepDeviation();
        SplitMix64 rng = new SplitMix64(10);
        int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 - mutation.mutate(new double[] {1.0, 0.03, 32}, rng).hyperparameters()[0];
        }
        double foldedMean = sigma * Math.sqrt(2 / Math.PI);
        double foldedSd = sigma * Math.sqrt(1 - 2 / Math.PI);
        assertThat(sum / n).isCloseTo(foldedMean, within(5 * foldedSd / Math.sqrt(n)));
    }

    /** The seed authors' space: lr log-uniform on [1e-5, 1e-2], ε_decay on [500, 5000], batch_size a whole number in [32, 128]. */
    private static HyperparameterSpace authors() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-5, 1e-2, Domain.Scale.LOG, false));
        m.put(X, new Domain.Interval(500, 5000, Domain.Scale.LINEAR, false));
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Interval(32, 128, Domain.Scale.LINEAR, true));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of(), List.of(X));
    }

    /**
     * Normalized and clipped: each coordinate onto [−1, 1] (log10 for lr), + 0.1 ξ, clipped, mapped
     * back, batch_size rounded; computed here from the same normal draws by the reference's formulas.
     */
    @Test
    void theAuthorsPerturbationInTheNormalizedSpace() {
        GaussianMutation kernel = new GaussianMutation(
                authors(), 0.1 * 0.1 / 2, 1, GaussianMutation.Space.NORMALIZED, GaussianMutation.Boundary.CLIP);
        double[] h = {Math.pow(10, -3.5), 1000, 64};
        SplitMix64 rng = new SplitMix64(21);
        SplitMix64 same = new SplitMix64(21);
        for (int trial = 0; trial < 200; trial++) {
            double[] next = kernel.mutate(h, rng).hyperparameters();
            double lr = Math.pow(
                    10, -5 + (clip((Math.log10(h[0]) + 5) / 3 * 2 - 1 + 0.1 * same.nextGaussian()) + 1) / 2 * 3);
            double decay = 500 + (clip((h[1] - 500) / 4500 * 2 - 1 + 0.1 * same.nextGaussian()) + 1) / 2 * 4500;
            double batch = Math.rint(32 + (clip((h[2] - 32) / 96 * 2 - 1 + 0.1 * same.nextGaussian()) + 1) / 2 * 96);
            assertThat(next[0]).isCloseTo(lr, within(1e-12 * lr));
            assertThat(next[1]).isCloseTo(decay, within(1e-9));
            assertThat(next[2]).isEqualTo(batch);
            h = next;
        }
    }

    /** Clipping at an end keeps a step beyond it at the end: from the upper end, half the steps (binomial, 5 SD). */
    @Test
    void clippingHoldsHalfTheStepsFromAnEndAtTheEnd() {
        GaussianMutation kernel = new GaussianMutation(
                authors(), 0.005, 1, GaussianMutation.Space.NORMALIZED, GaussianMutation.Boundary.CLIP);
        SplitMix64 rng = new SplitMix64(2);
        int atEnd = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            if (kernel.mutate(new double[] {1e-2, 5000, 128}, rng).hyperparameters()[1] == 5000) {
                atEnd++;
            }
        }
        assertThat(atEnd).isBetween(n / 2 - (int) (5 * Math.sqrt(n / 4.0)), n / 2 + (int) (5 * Math.sqrt(n / 4.0)));
    }

    private static double clip(double y) {
        return Math.max(-1, Math.min(1, y));
    }
}
