package io.popflow.task;

import io.popflow.fast.Hyperparameter;
import io.popflow.math.SplitMix64;
import io.popflow.option.Option;
import io.popflow.option.OptionSection;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.CustomEnvironment;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.EnvironmentSpec;
import io.popflow.taskkind.TaskKind;
import io.popflow.usercode.UserClasses;
import java.util.List;

/**
 * A reinforcement-learning task: each agent is a DQN learner acting in its own copy of an
 * environment, and its fitness is made of the returns of its episodes.
 *
 * @param dqn the learner's fixed settings and its environment
 * @param episodes k: fitness is the mean return of the agent's last k finished episodes
 * @param maxRule the seed authors' rule: with a full window and a generation whose mean return is
 *     the environment's maximum, the window's maximum instead of its mean
 * @param testEpisodes greedy episodes the final best agent is tested on
 */
public record ControlTaskSpec(DqnSettings dqn, int episodes, boolean maxRule, int testEpisodes) implements TaskSpec {
    /** ε's time constant in steps: ε = ε_min + (1 − ε_min)·exp(−steps/ε_decay). */
    public static final Hyperparameter EPSILON_DECAY =
            new Hyperparameter("epsilon_decay", 1000, 0, false, Double.POSITIVE_INFINITY, false, false, false);

    public static final Option<Integer> K = Option.integer(
                    "returns.k", 1, "fitness is the mean return of the agent's last k finished episodes")
            .check(k -> k >= 1, "must be >= 1 episode")
            .appliesTo(TaskKind.CONTROL);
    public static final Option<Boolean> MAX_RULE = Option.flag(
                    "returns.max_rule",
                    true,
                    "the seed authors' rule: a full window in a generation whose mean return is the maximum counts its max")
            .appliesTo(TaskKind.CONTROL);
    public static final Option<Integer> TEST_EPISODES = Option.integer(
                    "returns.test_episodes", 100, "greedy episodes the final best agent is tested on")
            .atLeast(1)
            .appliesTo(TaskKind.CONTROL);

    public static final List<Option<?>> OPTIONS = List.of(K, MAX_RULE, TEST_EPISODES);

    private static final long TEST_STREAM = 0x7e57_e915_0de5L;

    /**
     * The seed of the greedy test episodes of an agent whose random stream is at {@code agentRng}
     * (a stream derived from it, which leaves the agent's own untouched): with it, the episodes an
     * exported policy was tested on can be replayed.
     */
    public static long testEpisodesSeed(long agentRng) {
        return SplitMix64.derive(agentRng, TEST_STREAM);
    }

    public ControlTaskSpec {
        K.require(episodes);
        TEST_EPISODES.require(testEpisodes);
    }

    @Override
    public String name() {
        return dqn.environment().name();
    }

    /** A DQN's stationary law has no closed form. */
    @Override
    public boolean hasClosedForm() {
        return false;
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(EPSILON_DECAY);
    }

    /**
     * Reads {@code task: cartpole}, {@code mountain-car} or {@code custom_env}: {@code environment:
     * {max_steps}} (and {@code class}, with {@code custom.options}, for a user's environment), {@code
     * dqn: {hidden, gamma, target_update, replay_capacity, loss, epsilon_min}}, {@code returns: {k,
     * max_rule, test_episodes}}. Defaults are the seed authors' (reference/cartpole.md), but
     * max_steps, whose default is Gymnasium's (500 for CartPole-v1, 200 for MountainCar-v0). The
     * DQN needs the fast learner's choices: AdamW or not, and the largest batch any agent can draw.
     */
    public static ControlTaskSpec from(OptionSection run, String name, boolean adamW, int largestBatch) {
        OptionSection env = run.child("environment");
        OptionSection d = run.child("dqn");
        OptionSection r = run.child("returns");
        int maxSteps = env.get(ClassicControl.MAX_STEPS, ClassicControl.defaultMaxSteps(name));
        EnvironmentSpec environment = CustomEnvironment.NAME.equals(name)
                ? CustomEnvironment.checked(env.get(CustomEnvironment.CLASS), UserClasses.options(run), maxSteps)
                : new ClassicControl(name, maxSteps);
        DqnSettings settings = new DqnSettings(
                environment,
                d.get(DqnSettings.HIDDEN),
                d.get(DqnSettings.GAMMA),
                d.get(DqnSettings.TARGET_UPDATE),
                d.get(DqnSettings.REPLAY_CAPACITY),
                d.get(DqnSettings.LOSS),
                d.get(DqnSettings.EPSILON_MIN),
                adamW,
                largestBatch);
        ControlTaskSpec spec = new ControlTaskSpec(settings, r.get(K), r.get(MAX_RULE), r.get(TEST_EPISODES));
        env.rejectUnknown();
        d.rejectUnknown();
        r.rejectUnknown();
        return spec;
    }
}
