package io.popflow.slow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.fast.Hyperparameter;
import io.popflow.fast.UpdateRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PB2's explore step: on a known response of fitness change to h, the bandit sends a recipient to
 * the best h; it keeps the donor's h until it has data; its data follows copies and resets.
 */
class Pb2ExplorerTest {
    /** lr on a log scale [1e-3, 1e-1]: its unit coordinate u = (log lr − log 1e-3) / log 100. */
    private static HyperparameterSpace space() {
        Map<Hyperparameter, Domain> m = new LinkedHashMap<>();
        m.put(Hyperparameter.LR, new Domain.Interval(1e-3, 1e-1, Domain.Scale.LOG, false));
        return new HyperparameterSpace(UpdateRule.SGD, m, Map.of());
    }

    private static double lr(double u) {
        return Math.exp(Math.log(1e-3) + u * Math.log(100));
    }

    /** The improvement a generation brings at unit coordinate u: best at u = 0.3. */
    private static double improvement(double u) {
        return 1 - 4 * (u - 0.3) * (u - 0.3);
    }

    @Test
    void sendsARecipientToTheBestH() {
        HyperparameterSpace space = space();
        Pb2Explorer pb2 = new Pb2Explorer(space, 200);
        List<Pb2Data.Observation> obs = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(5);
        for (int g = 0; g < 4; g++) {
            for (int i = 0; i < 10; i++) {
                double u = rng.nextDouble();
                obs.add(new Pb2Data.Observation(g, 0.5, new double[] {u}, improvement(u)));
            }
        }
        Pb2Data data = new Pb2Data(200, obs, Map.of());
        FitnessTable table =
                new FitnessTable(3, new int[] {0, 1}, new double[] {0.5, 0.2}, new double[][] {{lr(0.9)}, {lr(0.1)}});

        Pb2Explorer.Round round = pb2.round(data, table);
        Mutated first = round.explore(0, new SplittableRandom(1));

        double u = Pb2Data.unit(first.hyperparameters(), space)[0];
        // κ√var pulls a little toward the sparser ends: within 0.05 of the optimum in the unit coordinate
        assertThat(u).isCloseTo(0.3, within(0.05));
        assertThat(first.operations()[0]).startsWith("lr pb2 ");
        assertThat(space.contains(first.hyperparameters())).isTrue();
    }

    @Test
    void keepsTheDonorsHUntilItHasSeenChanges() {
        HyperparameterSpace space = space();
        Pb2Explorer pb2 = new Pb2Explorer(space, 200);
        FitnessTable table =
                new FitnessTable(0, new int[] {0, 1}, new double[] {0.5, 0.2}, new double[][] {{0.01}, {0.002}});
        Pb2Data seen = pb2.emptyData().observe(table, space);
        assertThat(seen.observations()).isEmpty();
        Mutated m = pb2.round(seen, table).explore(0, new SplittableRandom(1));
        assertThat(m.hyperparameters()).containsExactly(0.01);
    }

    @Test
    void changesAreMeasuredFromTheWeightsAnAgentStartedFrom() {
        HyperparameterSpace space = space();
        FitnessTable g0 = new FitnessTable(
                0, new int[] {0, 1, 2}, new double[] {0.5, 0.2, Double.NaN}, new double[][] {{0.01}, {0.002}, {0.05}});
        Pb2Data data = Pb2Data.empty(200)
                .observe(g0, space)
                .startingFrom(
                        g0,
                        List.of(
                                new Exploitation(1, 0, new double[] {0.002}, new double[] {0.02}, new String[0]),
                                new Exploitation(
                                        2,
                                        Exploitation.RESET,
                                        new double[] {0.05},
                                        new double[] {0.03},
                                        new String[0])));
        FitnessTable g1 = new FitnessTable(
                1, new int[] {0, 1, 2}, new double[] {0.6, 0.9, 0.1}, new double[][] {{0.01}, {0.02}, {0.03}});
        List<Pb2Data.Observation> seen = data.observe(g1, space).observations();

        assertThat(seen).hasSize(2); // the reset agent's fresh weights had no fitness to start from
        assertThat(seen.get(0).change()).isCloseTo(0.1, within(1e-12)); // agent 0 went on: 0.5 -> 0.6
        assertThat(seen.get(1).startFitness()).isEqualTo(0.5); // agent 1 started from its donor's 0.5
        assertThat(seen.get(1).change()).isCloseTo(0.4, within(1e-12));
        assertThat(seen.get(1).coordinates()[0]).isCloseTo(Math.log(0.02 / 1e-3) / Math.log(100), within(1e-12));
    }

    @Test
    void keepsOnlyTheLatestWindow() {
        HyperparameterSpace space = space();
        Pb2Data data = Pb2Data.empty(3);
        for (int g = 0; g < 4; g++) {
            FitnessTable t =
                    new FitnessTable(g, new int[] {0, 1}, new double[] {g, 2 * g}, new double[][] {{0.01}, {0.01}});
            data = data.observe(t, space).startingFrom(t, List.of());
        }
        assertThat(data.observations())
                .hasSize(3)
                .extracting(Pb2Data.Observation::generation)
                .containsExactly(2, 3, 3);
    }
}
