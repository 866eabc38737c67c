package io.popflow.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.popflow.api.Environment;
import io.popflow.math.SplitMix64;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CartPole against the golden values of {@code reference/cartpole.md} (an independent implementation). */
class CartPoleTest {

    /** The reference prints 10 decimals: agreement to 1e-9 is agreement to its last digit. */
    @Test
    void fiveStepsFromAGivenStateMatchTheGoldenStates() {
        CartPole env = new CartPole(CartPole.V1_MAX_STEPS);
        env.start(0.01, -0.02, 0.03, -0.04);
        int[] actions = {1, 0, 1, 1, 0};
        double[][] golden = {
            {0.0096000000, 0.1746791957, 0.0292000000, -0.3230687180},
            {0.0130935839, -0.0208461202, 0.0227386256, -0.0213221895},
            {0.0126766615, 0.1739424802, 0.0223121819, -0.3067449777},
            {0.0161555111, 0.3687395017, 0.0161772823, -0.5923085434},
            {0.0235303011, 0.1733948622, 0.0043311114, -0.2945740117},
        };
        for (int i = 0; i < actions.length; i++) {
            Environment.Step step = env.step(actions[i]);
            for (int k = 0; k < 4; k++) {
                assertThat(step.observation()[k])
                        .as("state %d, coordinate %d", i + 1, k)
                        .isCloseTo(golden[i][k], within(1e-9));
            }
            assertThat(step.reward()).isEqualTo(1.0);
            assertThat(step.done()).isFalse();
        }
    }

    /** The reference gives θ to 6 decimals. */
    @Test
    void alwaysPushingRightFromRestTerminatesAtStepNine() {
        CartPole env = new CartPole(CartPole.V1_MAX_STEPS);
        env.start(0, 0, 0, 0);
        Environment.Step step;
        do {
            step = env.step(1);
        } while (!step.done());
        assertThat(env.steps()).isEqualTo(9);
        assertThat(step.terminated()).isTrue();
        assertThat(step.truncated()).isFalse();
        assertThat(step.observation()[2]).isCloseTo(-0.215186, within(5e-7));
        assertThatThrownBy(() -> env.step(1)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A uniformly random policy, 100,000 episodes as in the reference (22.31 ± 0.04 standard error,
     * median 19): the two means differ by less than 4 standard errors of their difference,
     * 4·sqrt(2)·0.04 = 0.23 (a wrong dynamics or termination shifts the mean by whole steps).
     */
    @Test
    void aRandomPolicyReturnsTheReferenceMeanAndMedian() {
        CartPole env = new CartPole(CartPole.V1_MAX_STEPS);
        SplitMix64 random = new SplitMix64(20261201L);
        int episodes = 100_000;
        int[] returns = new int[episodes];
        double sum = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset(random);
            Environment.Step step;
            do {
                step = env.step(random.nextInt(2));
                returns[e] += (int) step.reward();
            } while (!step.done());
            sum += returns[e];
        }
        Arrays.sort(returns);
        assertThat(sum / episodes).isCloseTo(22.31, within(0.23));
        assertThat(returns[episodes / 2]).isEqualTo(19);
        assertThat(returns[0])
                .as("the shortest episode: the pole cannot fall in fewer steps")
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void episodesAreTruncatedAtTheLimitAndResetStartsNearUpright() {
        CartPole env = new CartPole(3);
        double[] first = env.reset(new SplitMix64(1));
        assertThat(Arrays.stream(first).map(Math::abs).max().orElseThrow()).isLessThan(0.05);
        env.start(0, 0, 0, 0);
        env.step(1);
        env.step(0);
        Environment.Step third = env.step(1);
        assertThat(third.truncated()).isTrue();
        assertThat(third.terminated()).isFalse();
        assertThatThrownBy(() -> new CartPole(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> env.step(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
