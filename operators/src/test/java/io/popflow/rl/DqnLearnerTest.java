package io.popflow.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.popflow.math.SplitMix64;
import io.popflow.model.JavaMlp;
import org.junit.jupiter.api.Test;

class DqnLearnerTest {

    /**
     * Off-policy Q-learning with a uniformly random behaviour (ε_min = 1) on a 5-state chain converges
     * to Q*, computed here by value iteration. The 5-32-2 network on one-hot inputs can represent Q*
     * exactly, and the chain is deterministic, so the TD targets are exact at the fixed point: after
     * 30,000 steps the largest error over the 10 (state, action) pairs was 8.7e-8 (float rounding
     * of values 0.66 to 1). 1e-4 leaves room for other float orders, not for a wrong target.
     */
    @Test
    void learnsTheOptimalActionValuesOfAChain() {
        int n = 5;
        double gamma = 0.9;
        DqnSettings settings =
                new DqnSettings(ChainMdp.spec(n, 20), new int[] {32}, gamma, 50, 2_000, TdLoss.MSE, 1.0, false, 32);
        DqnLearner learner = new DqnLearner(settings);
        SplitMix64 rng = new SplitMix64(4);
        DqnState s = learner.create(rng, 5);
        for (int t = 0; t < 30_000; t++) {
            learner.step(s, 1e-3, 1000, 32, 0, rng);
        }
        double[][] optimal = ChainMdp.optimalQ(n, gamma);
        JavaMlp net = new JavaMlp(learner.architecture(), 1);
        double worst = 0;
        for (int state = 0; state < n; state++) {
            java.util.Arrays.fill(net.input(), 0f);
            net.input()[state] = 1;
            float[] q = net.forward(s.q, 1);
            for (int a = 0; a < 2; a++) {
                worst = Math.max(worst, Math.abs(q[a] - optimal[state][a]));
            }
        }
        System.out.println("chain: largest |Q - Q*| = " + worst);
        assertThat(worst).isLessThan(1e-4);
    }

    /** The target network is the Q-network of the last step count divisible by target_update, and only that. */
    @Test
    void theTargetNetworkIsCopiedEveryTargetUpdateSteps() {
        DqnSettings settings =
                new DqnSettings(ChainMdp.spec(4, 10), new int[] {8}, 0.9, 7, 100, TdLoss.HUBER, 0.5, false, 4);
        DqnLearner learner = new DqnLearner(settings);
        SplitMix64 rng = new SplitMix64(2);
        DqnState s = learner.create(rng, 3);
        float[] lastCopy = s.q.clone();
        for (int t = 1; t <= 50; t++) {
            learner.step(s, 1e-2, 100, 4, 0, rng);
            if (t % 7 == 0) {
                assertThat(s.target).isEqualTo(s.q);
                lastCopy = s.q.clone();
            } else {
                assertThat(s.target).isEqualTo(lastCopy);
                if (s.gradientSteps > 0) {
                    assertThat(s.q).isNotEqualTo(lastCopy);
                }
            }
        }
        assertThat(s.steps).isEqualTo(50);
        // a gradient step from the 4th transition on: 47 of them
        assertThat(s.gradientSteps).isEqualTo(47);
        assertThat(s.adamSteps).isEqualTo(47);
    }

    /** Each step stores (s, a, r, s', terminated); an ended episode restarts and its return is counted. */
    @Test
    void storesEveryTransitionAndCountsFinishedEpisodes() {
        DqnSettings settings =
                new DqnSettings(ChainMdp.spec(3, 4), new int[] {8}, 0.9, 10, 100, TdLoss.MSE, 1.0, false, 8);
        DqnLearner learner = new DqnLearner(settings);
        SplitMix64 rng = new SplitMix64(6);
        DqnState s = learner.create(rng, 2);
        int episodes = 0;
        float[] before = s.observation.clone();
        float[] obs = new float[3];
        for (int t = 0; t < 40; t++) {
            boolean ended = learner.step(s, 1e-2, 100, 8, 0, rng);
            int slot = (s.replay.cursor() + s.replay.capacity() - 1) % s.replay.capacity();
            s.replay.observation(slot, obs, 0);
            assertThat(obs).isEqualTo(before);
            if (ended) {
                episodes++;
            } else {
                s.replay.nextObservation(slot, obs, 0);
                assertThat(obs).isEqualTo(s.observation);
            }
            before = s.observation.clone();
        }
        assertThat(s.replay.size()).isEqualTo(40);
        assertThat(s.returns.generationEpisodes()).isEqualTo(episodes).isPositive();
        assertThat(s.returns.finished()).isEqualTo(Math.min(2, episodes));
    }

    @Test
    void epsilonFollowsTheSchedule() {
        DqnLearner learner = new DqnLearner(DqnSettings.authors(new ClassicControl("cartpole", 100), 128));
        assertThat(learner.epsilon(0, 500)).isEqualTo(1.0);
        assertThat(learner.epsilon(500, 500)).isCloseTo(0.01 + 0.99 * Math.exp(-1), within(1e-15));
        assertThat(learner.epsilon(1_000_000, 500)).isCloseTo(0.01, within(1e-15));
    }
}
