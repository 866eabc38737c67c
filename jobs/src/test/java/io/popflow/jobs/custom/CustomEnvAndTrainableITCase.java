package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's environment ({@code task: custom_env}) and a user's learner ({@code task:
 * custom_trainable}) from a jar of their own: refused word for word where they cannot run, an
 * exception in a step marks that agent diverged and the run goes on, and the run's config.yaml
 * records the jar, so a resume finds it without being told.
 */
class CustomEnvAndTrainableITCase {
    @TempDir
    static Path dir;

    private static Path jar;

    /** A trainable moving x toward 1 by noisy steps of size lr: fitness −(x − 1)². */
    private static final String DRIFT = """
            package example;

            import io.popflow.api.Hyperparameters;
            import io.popflow.api.Trainable;
            import java.nio.ByteBuffer;
            import java.util.random.RandomGenerator;

            public class Drift implements Trainable {
                protected double x;
                protected long steps;

                @Override
                public void initialize(RandomGenerator random) {
                    x = random.nextGaussian();
                }

                @Override
                public void step(Hyperparameters h, RandomGenerator random) {
                    x += h.get("lr") * (1 - x) + 0.01 * random.nextGaussian();
                    steps++;
                }

                @Override
                public double fitness() {
                    return -(x - 1) * (x - 1);
                }

                @Override
                public byte[] save() {
                    return ByteBuffer.allocate(16).putDouble(x).putLong(steps).array();
                }

                @Override
                public void restore(byte[] state) {
                    ByteBuffer b = ByteBuffer.wrap(state);
                    x = b.getDouble();
                    steps = b.getLong();
                }
            }
            """;

    /** A two-state environment: action 1 ends the episode with reward 1, action 0 pays 0 and goes on. */
    private static final String DOOR = """
            package example;

            import io.popflow.api.Environment;
            import java.util.random.RandomGenerator;

            public class Door implements Environment {
                protected int steps;

                @Override public int observationSize() { return 2; }
                @Override public int actions() { return 2; }
                @Override public double[] reset(RandomGenerator random) { steps = 0; return new double[] {1, 0}; }
                @Override public Step step(int action) {
                    steps++;
                    return new Step(new double[] {0, 1}, action, action == 1, steps >= 20);
                }
                @Override public double[] snapshot() { return new double[] {steps}; }
                @Override public void restore(double[] s) { steps = (int) s[0]; }
            }
            """;

    @BeforeAll
    static void buildTheUsersJar() throws Exception {
        jar = UserJar.build(
                dir,
                "user",
                Map.of(
                        "example.Drift",
                        DRIFT,
                        "example.Forgetful",
                        """
                        package example;
                        /** Its restore forgets the step count, which its save wrote. */
                        public class Forgetful extends Drift {
                            @Override public void restore(byte[] state) { super.restore(state); steps = 0; }
                            @Override public void initialize(java.util.random.RandomGenerator r) { super.initialize(r); steps = 7; }
                        }
                        """,
                        "example.NotANumber",
                        "package example; public class NotANumber extends Drift {"
                                + " @Override public double fitness() { return Double.NaN; } }",
                        "example.ThrowsLater",
                        """
                        package example;
                        import io.popflow.api.Hyperparameters;
                        import java.util.random.RandomGenerator;
                        /** Throws on its 1000th step, in the agents that started with x < 0. */
                        public class ThrowsLater extends Drift {
                            private boolean unlucky;
                            @Override public void initialize(RandomGenerator random) {
                                super.initialize(random);
                                unlucky = x < 0;
                            }
                            @Override public void step(Hyperparameters h, RandomGenerator r) {
                                if (steps == 999 && unlucky) {
                                    throw new IllegalStateException("the simulator crashed");
                                }
                                super.step(h, r);
                            }
                        }
                        """,
                        "example.Door",
                        DOOR,
                        "example.ShortObservation",
                        "package example; public class ShortObservation extends Door {"
                                + " @Override public double[] reset(java.util.random.RandomGenerator r) {"
                                + " return new double[] {1}; } }",
                        "example.OneAction",
                        "package example; public class OneAction extends Door {"
                                + " @Override public int actions() { return 1; } }",
                        "example.BrokenReset",
                        "package example; public class BrokenReset extends Door {"
                                + " @Override public double[] reset(java.util.random.RandomGenerator r) {"
                                + " throw new IllegalStateException(\"no simulator licence\"); } }"));
    }

    private static Outcome train(String task, String classOption, String className, String output, String... more)
            throws Exception {
        Path config = dir.resolve(output + ".yaml");
        List<String> lines = new ArrayList<>(List.of(more));
        if (lines.stream().noneMatch(l -> l.startsWith("hyperparam_mutations"))) {
            lines.add("hyperparam_mutations: {lr: {min: 0.001, max: 0.1, scale: log}}");
        }
        Files.writeString(config, String.join("\n", lines) + "\n");
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--jar",
                jar.toString(),
                "--config",
                config.toString(),
                "--output",
                dir.resolve(output).toString(),
                "--quiet",
                "--set",
                "task=" + task,
                "--set",
                classOption + "=" + className));
        return Outcome.of(args.toArray(String[]::new));
    }

    private static Outcome trainable(String className, String output, String... more) throws Exception {
        return train("custom_trainable", "trainable.class", className, output, more);
    }

    private static Outcome environment(String className, String output, String... more) throws Exception {
        return train("custom_env", "environment.class", className, output, more);
    }

    @Test
    void anEnvironmentThatCannotRunIsRefusedByNameBeforeAJobStarts() throws Exception {
        String from = " (from " + jar.toAbsolutePath().normalize() + ")";
        environment("example.Drift", "e1")
                .assertRefused("invalid option 'environment.class': class example.Drift does not implement "
                        + "io.popflow.api.Environment" + from);
        environment("example.ShortObservation", "e2")
                .assertRefused(
                        "invalid option 'environment.class': class example.ShortObservation's reset returned 1 values, but "
                                + "observationSize() is 2");
        environment("example.OneAction", "e3")
                .assertRefused(
                        "invalid option 'environment.class': class example.OneAction's actions() must be >= 2, got 1");
        environment("example.BrokenReset", "e4")
                .assertRefused("invalid option 'environment.class': class example.BrokenReset's first episode threw "
                        + "IllegalStateException: no simulator licence");
        environment("example.Door", "e5", "environment: {max_steps: 0}")
                .assertRefused("invalid option 'environment.max_steps': must be >= 1 step, got 0");
        assertThat(dir.resolve("e1")).doesNotExist();
    }

    @Test
    void aTrainableThatCannotRunIsRefusedByNameBeforeAJobStarts() throws Exception {
        trainable("example.Door", "t1")
                .assertRefused(
                        "invalid option 'trainable.class': class example.Door does not implement io.popflow.api.Trainable"
                                + " (from " + jar.toAbsolutePath().normalize() + ")");
        trainable("example.Forgetful", "t2")
                .assertRefused(
                        "invalid option 'trainable.class': class example.Forgetful's restore(save()) does not give back the "
                                + "state save() wrote: checkpoints would lose it");
        trainable("example.NotANumber", "t3")
                .assertRefused(
                        "invalid option 'trainable.class': class example.NotANumber's fitness() is NaN after initialize(): "
                                + "it must be a finite number");
        trainable("example.Drift", "t4", "strategy: {name: cma_es, sigma: 0.5}", "hyperparam_mutations: null")
                .assertRefused(
                        "invalid option 'strategy.name': class example.Drift is a Trainable, whose model popflow cannot "
                                + "read: an evolution strategy needs a weight vector (use task: custom_objective)");
        trainable("example.Drift", "t5", "merge: {strength: 0.5}")
                .assertRefused(
                        "invalid option 'merge.strength': class example.Drift is a Trainable, whose model popflow cannot "
                                + "read: merging averages weight vectors");
    }

    /** DQN agents learn the user's door: open it at once (return 1), not after waiting. */
    @Test
    void dqnAgentsLearnTheUsersEnvironment() throws Exception {
        Outcome o = environment(
                "example.Door",
                "door",
                "seed: 2",
                "population: 4",
                "generations: 4",
                "perturbation_interval: 300",
                "parallelism: 2",
                "dqn: {hidden: [8], replay_capacity: 500}",
                "returns: {test_episodes: 5}",
                "hyperparam_mutations: {lr: {min: 1.0e-3, max: 1.0e-2, scale: log}}");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("door/summary.json").toFile());
        // every episode's return is 1 (opened) or 0 (cut at 20 steps): the greedy policy opens it
        assertThat(summary.get("test").get("greedy_return").asDouble()).isEqualTo(1.0);
    }

    /** An exception from the user's step is that agent diverging: it is replaced and the run finishes. */
    @Test
    void aTrainableThatThrowsOnItsThousandthStepMarksThatAgentDiverged() throws Exception {
        Outcome o = trainable(
                "example.ThrowsLater",
                "throws",
                "seed: 5",
                "population: 8",
                "generations: 30",
                "perturbation_interval: 50",
                "parallelism: 2",
                "hyperparam_mutations: {lr: {min: 0.001, max: 0.3, scale: log}}");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("throws/summary.json").toFile());
        // agents whose x started below 0 (about half of 8) throw at their 1000th step, in generation 19
        assertThat(summary.get("diverged_reports").asInt()).isBetween(1, 7);
        assertThat(summary.get("validation").get("fitness").asDouble()).isGreaterThan(-1e-2);
    }

    /**
     * {@code popflow replay} retrains the winner alone along its line, bit for bit, and needs no
     * --jar: the run's config.yaml records the jar.
     */
    @Test
    void replayReproducesTheWinnerWithTheJarTheRunRecorded() throws Exception {
        Outcome run = trainable(
                "example.Drift",
                "replayed",
                "seed: 3",
                "population: 6",
                "generations: 8",
                "perturbation_interval: 20",
                "parallelism: 2",
                "hyperparam_mutations: {lr: {min: 0.01, max: 0.3, scale: log}}");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("replayed/config.yaml")))
                .contains(jar.toAbsolutePath().normalize().toString());
        Outcome replay = Outcome.of("replay", dir.resolve("replayed").toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("= the run's, bit for bit");
    }
}
