package io.popflow.slow;

import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import java.io.Serializable;
import java.util.List;

/**
 * Model merging as a population operator (PAPA-style population parameter averaging): at the end of
 * a generation every agent's weights move toward the average of the elite's (or everyone's) weights,
 * θ ← (1 − γ) θ + γ θ̄. Combined with a selection rule, a recipient first takes its donor's weights.
 *
 * @param strength γ in [0, 1]; 0 turns merging off
 * @param eliteFraction share of the population, from the top by fitness, whose weights are averaged
 */
public record ModelMerge(double strength, double eliteFraction) implements Serializable {

    public static final Option<Double> STRENGTH = Option.number(
                    "merge.strength",
                    0.0,
                    "γ of the pull θ ← (1 − γ)θ + γ θ̄ toward the elite's mean weights; 0 is off")
            .between(0, 1);
    public static final Option<Double> ELITE = Option.number(
                    "merge.elite", 1.0, "share of the population, from the top, whose weights are averaged")
            .check(e -> e > 0 && e <= 1, "must be in (0, 1]");

    public static final List<Option<?>> OPTIONS = List.of(STRENGTH, ELITE);

    public ModelMerge {
        STRENGTH.require(strength);
        ELITE.require(eliteFraction);
    }

    public static ModelMerge off() {
        return new ModelMerge(STRENGTH.fallback(), ELITE.fallback());
    }

    public boolean isOn() {
        return strength > 0;
    }

    /** θ̄: the mean weights of the ceil(n · elite) best healthy agents; null if none is healthy. */
    public float[] target(FitnessTable table, float[][] params) {
        Integer[] ranked = table.rankWorstFirst();
        int elite = Math.max(1, (int) Math.ceil(table.size() * eliteFraction - 1e-12));
        double[] sum = null;
        int count = 0;
        for (int i = ranked.length - 1; i >= 0 && count < elite; i--) {
            int row = ranked[i];
            if (!table.isHealthy(row)) {
                continue;
            }
            if (sum == null) {
                sum = new double[params[row].length];
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] += params[row][k];
            }
            count++;
        }
        if (sum == null) {
            return null;
        }
        float[] mean = new float[sum.length];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) (sum[k] / count);
        }
        return mean;
    }

    /** θ ← (1 − γ) θ + γ θ̄, in place. */
    public static void pull(float[] theta, float[] target, double strength) {
        for (int k = 0; k < theta.length; k++) {
            theta[k] = (float) ((1 - strength) * theta[k] + strength * target[k]);
        }
    }

    /** Reads {@code merge: {strength: 0.5, elite: 0.25}} from the run's options. */
    public static ModelMerge from(OptionSection run) {
        OptionSection m = run.child("merge");
        double strength = m.get(STRENGTH);
        double elite = m.get(ELITE);
        m.rejectUnknown();
        return new ModelMerge(strength, elite);
    }
}
