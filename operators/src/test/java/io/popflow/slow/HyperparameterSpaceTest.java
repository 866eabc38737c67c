package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import io.popflow.option.InvalidOptionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparameterSpaceTest {

    @Test
    void resolvesMutableAndFixedValues() {
        HyperparameterSpace space = Spaces.lrAndBatch();
        FastHyperparameters h = space.resolve(new double[] {0.05, 64}).fast();
        assertThat(h).isEqualTo(new FastHyperparameters(0.05, 0.9, 0.0, 0.0, 64));
        assertThat(space.describe(new double[] {0.05, 64})).isEqualTo("lr=0.05000 batch_size=64");
    }

    /** Log-uniform sampling: the median of lr in [1e-3, 0.5] is sqrt(1e-3 · 0.5) ≈ 0.0224. */
    @Test
    void samplesInsideTheDomainsOnTheirScale() {
        HyperparameterSpace space = Spaces.lrAndBatch();
        SplitMix64 rng = new SplitMix64(5);
        int below = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            double[] h = space.sample(rng);
            assertThat(space.contains(h)).isTrue();
            if (h[0] < Math.sqrt(1e-3 * 0.5)) {
                below++;
            }
        }
        // Binomial(10000, 1/2): SD 50; 5 SD
        assertThat(below).isBetween(4750, 5250);
    }

    @Test
    void rejectsHyperparametersTheRuleDoesNotRead() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.TEMPERATURE, new Domain.Interval(0.1, 1, Domain.Scale.LINEAR, false));
        assertThatThrownBy(() -> new HyperparameterSpace(UpdateRule.SGD, m, Map.of()))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage(
                        "invalid option 'hyperparam_mutations.temperature': optimizer sgd does not use temperature");
    }

    @Test
    void rejectsDomainsOutsideTheValidRange() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.MOMENTUM, new Domain.Interval(0.5, 1.0, Domain.Scale.LINEAR, false));
        assertThatThrownBy(() -> new HyperparameterSpace(UpdateRule.SGD, m, Map.of()))
                .hasMessage(
                        "invalid option 'hyperparam_mutations.momentum': must be in [0, 1), but the domain holds 1.0");
    }

    @Test
    void rejectsFractionalBatchSizes() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.BATCH_SIZE, new Domain.Choice(new double[] {16, 24.5}));
        assertThatThrownBy(() -> new HyperparameterSpace(UpdateRule.SGD, m, Map.of()))
                .hasMessageStartingWith("invalid option 'hyperparam_mutations.batch_size'");
    }

    @Test
    void sgldNeedsATemperature() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(0.01, 0.1, Domain.Scale.LOG, false));
        assertThatThrownBy(() -> new HyperparameterSpace(UpdateRule.SGLD, m, Map.of()))
                .hasMessageStartingWith("invalid option 'hyperparameters.temperature'");
    }

    @Test
    void aHyperparameterIsEitherFixedOrMutable() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(0.01, 0.1, Domain.Scale.LOG, false));
        assertThatThrownBy(() -> new HyperparameterSpace(UpdateRule.SGD, m, Map.of(Hyperparameter.LR, 0.1)))
                .hasMessageStartingWith("invalid option 'hyperparameters.lr'");
    }
}
