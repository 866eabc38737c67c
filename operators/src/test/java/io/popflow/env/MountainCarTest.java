package io.popflow.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.popflow.api.Environment;
import io.popflow.math.SplitMix64;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MountainCar against golden values from Gymnasium's equations in plain Python
 * ({@code src/test/resources/golden/mountain-car.py}, which wrote {@code mountain-car.golden.txt}).
 * Tolerance 1e-12: both use IEEE doubles in the same order, and Java's and C's cos may differ in the
 * last bit, which ten steps do not amplify past 1e-15 relative.
 */
class MountainCarTest {
    private static final int[] SEQUENCE = {2, 2, 0, 1, 0, 0, 2, 1, 2, 0};

    @Test
    void aFixedActionSequenceMatchesTheGoldenStates() throws IOException {
        List<String[]> golden = golden("sequence");
        MountainCar env = new MountainCar(MountainCar.V0_MAX_STEPS);
        env.start(-0.5, 0);
        for (int i = 0; i < SEQUENCE.length; i++) {
            Environment.Step step = env.step(SEQUENCE[i]);
            String[] g = golden.get(i);
            assertThat(step.observation()[0])
                    .as("position after step %d", i + 1)
                    .isCloseTo(Double.parseDouble(g[2]), within(1e-12));
            assertThat(step.observation()[1])
                    .as("velocity after step %d", i + 1)
                    .isCloseTo(Double.parseDouble(g[3]), within(1e-12));
            assertThat(step.terminated()).isEqualTo(Boolean.parseBoolean(g[4].toLowerCase()));
            assertThat(step.reward()).isEqualTo(-1.0);
        }
    }

    @Test
    void theWallStopsTheCar() throws IOException {
        String[] g = golden("wall").get(0);
        MountainCar env = new MountainCar(MountainCar.V0_MAX_STEPS);
        env.start(-1.15, -0.03);
        Environment.Step step;
        do {
            step = env.step(0);
        } while (step.observation()[0] != MountainCar.MIN_POSITION);
        assertThat(env.steps()).isEqualTo(Integer.parseInt(g[1]));
        assertThat(step.observation()[1]).isZero();
    }

    @Test
    void pumpingEnergyReachesTheFlagAtTheGoldenStep() throws IOException {
        String[] g = golden("goal").get(0);
        MountainCar env = new MountainCar(MountainCar.V0_MAX_STEPS);
        double[] s = env.start(-0.5, 0);
        Environment.Step step;
        do {
            step = env.step(s[1] >= 0 ? 2 : 0);
            s = step.observation();
        } while (!step.done());
        assertThat(step.terminated()).isTrue();
        assertThat(env.steps()).isEqualTo(Integer.parseInt(g[1]));
        assertThat(s[0]).isCloseTo(Double.parseDouble(g[2]), within(1e-9));
    }

    @Test
    void doingNothingIsTruncatedAtTwoHundredStepsFromAResetInTheValley() {
        MountainCar env = new MountainCar(MountainCar.V0_MAX_STEPS);
        double[] first = env.reset(new SplitMix64(3));
        assertThat(first[0]).isBetween(-0.6, -0.4);
        assertThat(first[1]).isZero();
        Environment.Step step;
        do {
            step = env.step(1);
        } while (!step.done());
        assertThat(step.truncated()).isTrue();
        assertThat(step.terminated()).isFalse();
        assertThat(env.steps()).isEqualTo(200);
        assertThatThrownBy(() -> env.step(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> env.step(3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String[]> golden(String kind) throws IOException {
        try (InputStream in = MountainCarTest.class.getResourceAsStream("/golden/mountain-car.golden.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(l -> l.split(" "))
                    .filter(f -> f[0].equals(kind))
                    .toList();
        }
    }
}
