package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's objective from a jar of their own ({@code --jar}, {@code task: custom_objective}), on the
 * embedded cluster: refused word for word where it cannot run, searched by CMA-ES and climbed by SGD
 * where it can.
 */
class CustomObjectiveITCase {
    @TempDir
    static Path dir;

    private static Path jar;

    /** A shifted sphere: fitness −Σ(w_i − 1)², its gradient −2(w − 1); the optimum is the ones vector. */
    private static final String SPHERE = """
            package example;

            import io.popflow.api.CustomOptions;
            import io.popflow.api.Hyperparameters;
            import io.popflow.api.Objective;
            import java.util.random.RandomGenerator;

            public class ShiftedSphere implements Objective {
                private int dimension = 5;

                @Override
                public void configure(CustomOptions options) {
                    dimension = (int) options.wholeNumber("dimension", 5);
                    if (dimension < 1) {
                        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
                    }
                }

                @Override
                public int dimension() {
                    return dimension;
                }

                @Override
                public double[] initial(RandomGenerator random) {
                    double[] w = new double[dimension];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = random.nextGaussian();
                    }
                    return w;
                }

                @Override
                public double fitness(double[] w, Hyperparameters h) {
                    double sum = 0;
                    for (double x : w) {
                        sum += (x - 1) * (x - 1);
                    }
                    return -sum;
                }

                @Override
                public boolean hasGradient() {
                    return true;
                }

                @Override
                public void gradient(double[] w, Hyperparameters h, RandomGenerator random, double[] g) {
                    for (int i = 0; i < w.length; i++) {
                        g[i] = -2 * (w[i] - 1);
                    }
                }
            }
            """;

    @BeforeAll
    static void buildTheUsersJar() throws Exception {
        jar = UserJar.build(
                dir,
                "user",
                Map.of(
                        "example.ShiftedSphere",
                        SPHERE,
                        "example.NoGradient",
                        """
                        package example;
                        public class NoGradient extends ShiftedSphere {
                            @Override public boolean hasGradient() { return false; }
                        }
                        """,
                        "example.ThrowsLater",
                        """
                        package example;
                        import io.popflow.api.Hyperparameters;
                        import java.util.random.RandomGenerator;
                        /** Throws on its 1000th gradient, in the agents that started with w0 < 0. */
                        public class ThrowsLater extends ShiftedSphere {
                            private boolean unlucky;
                            private int calls;
                            @Override public double[] initial(RandomGenerator random) {
                                double[] w = super.initial(random);
                                unlucky = w[0] < 0;
                                return w;
                            }
                            @Override public void gradient(double[] w, Hyperparameters h, RandomGenerator r, double[] g) {
                                if (++calls == 1000 && unlucky) {
                                    throw new IllegalStateException("the simulator crashed");
                                }
                                super.gradient(w, h, r, g);
                            }
                        }
                        """,
                        "example.Hidden",
                        "package example; class Hidden extends ShiftedSphere {}",
                        "example.NeedsArgument",
                        "package example; public class NeedsArgument extends ShiftedSphere {"
                                + " public NeedsArgument(int x) {} }",
                        "example.NotAnObjective",
                        "package example; public class NotAnObjective {}",
                        "example.NotANumber",
                        "package example; public class NotANumber extends ShiftedSphere {"
                                + " @Override public double fitness(double[] w, io.popflow.api.Hyperparameters h) {"
                                + " return Double.NaN; } }",
                        "example.Throws",
                        "package example; public class Throws extends ShiftedSphere {"
                                + " public Throws() { throw new IllegalStateException(\"no licence\"); } }"));
    }

    private static Outcome trainObjective(String className, String output, String... more) throws Exception {
        Path config = dir.resolve(output + ".yaml");
        Files.writeString(config, String.join("\n", more) + "\n");
        return Outcome.of(
                "train",
                "--jar",
                jar.toString(),
                "--config",
                config.toString(),
                "--output",
                dir.resolve(output).toString(),
                "--set",
                "task=custom_objective",
                "--set",
                "objective.class=" + className);
    }

    @Test
    void aClassThatCannotRunIsRefusedByNameBeforeAJobStarts() throws Exception {
        String from = " (from " + jar.toAbsolutePath().normalize() + ")";
        String es = "strategy: {name: cma_es, sigma: 0.5}";
        trainObjective("example.Missing", "r1", es)
                .assertRefused("invalid option 'objective.class': no class example.Missing on the class path or in "
                        + jar.toAbsolutePath().normalize());
        trainObjective("example.Hidden", "r2", es)
                .assertRefused("invalid option 'objective.class': class example.Hidden is not public" + from);
        trainObjective("example.NeedsArgument", "r3", es)
                .assertRefused(
                        "invalid option 'objective.class': class example.NeedsArgument has no public constructor without "
                                + "arguments" + from);
        trainObjective("example.NotAnObjective", "r4", es)
                .assertRefused("invalid option 'objective.class': class example.NotAnObjective does not implement "
                        + "io.popflow.api.Objective" + from);
        trainObjective("example.Throws", "r5", es)
                .assertRefused(
                        "invalid option 'objective.class': class example.Throws's constructor threw IllegalStateException: "
                                + "no licence" + from);
        trainObjective("example.ShiftedSphere", "r6", es, "custom: {options: {dimension: 0}}")
                .assertRefused(
                        "invalid option 'custom.options': class example.ShiftedSphere refuses them: dimension must be >= 1, "
                                + "got 0");
        trainObjective(
                        "example.NoGradient",
                        "r7",
                        "hyperparameters: {momentum: 0}",
                        "hyperparam_mutations: {lr: {min: 0.01, max: 0.2}}")
                .assertRefused(
                        "invalid option 'objective.class': class example.NoGradient has no gradient (hasGradient() is false), "
                                + "and the gradient learners take gradient steps: give it one, or search it with an evolution "
                                + "strategy (strategy.name)");
        Outcome.of(
                        "train",
                        "--jar",
                        dir.resolve("absent.jar").toString(),
                        "--preset",
                        "quadratic",
                        "--output",
                        dir.resolve("r8").toString())
                .assertRefused("invalid option 'jars': cannot read " + dir.resolve("absent.jar") + ": No such file");
        assertThat(dir.resolve("r1")).doesNotExist();
    }

    @Test
    void cmaEsFindsTheOptimumOfTheUsersObjective() throws Exception {
        Outcome o = trainObjective(
                "example.ShiftedSphere",
                "cma",
                "seed: 3",
                "population: 8",
                "generations: 120",
                "parallelism: 2",
                "strategy: {name: cma_es, sigma: 0.5}",
                "custom: {options: {dimension: 6}}");
        assertThat(o.code()).as(o.err()).isZero();
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("cma/summary.json").toFile());
        // the optimum's fitness is 0; CMA-ES on a 6-D sphere gets within 1e-8 in well under 120 generations of 8
        assertThat(bestFitness(summary)).isGreaterThan(-1e-6);
    }

    @Test
    void sgdClimbsTheUsersGradientUnderPbt() throws Exception {
        JsonNode summary = pbtSgd("example.ShiftedSphere", "sgd", 10);
        // from N(0, 1)^5, fitness about -10; 200 steps at the population's better rates reach ~0
        assertThat(bestFitness(summary)).isGreaterThan(-1e-3);
    }

    /** An exception from the user's code is that agent diverging: it is replaced and the run finishes. */
    @Test
    void aClassThatThrowsOnItsThousandthStepMarksThatAgentDiverged() throws Exception {
        JsonNode summary = pbtSgd("example.ThrowsLater", "throws", 60);
        // agents whose w0 started below 0 (about half of 8) throw at their 1000th step, in generation 49
        assertThat(summary.get("diverged_reports").asInt()).isBetween(1, 7);
        assertThat(bestFitness(summary)).isGreaterThan(-1e-3);
    }

    /** The summary of a finished PBT run of 8 SGD agents, 20 steps a generation, on {@code className}. */
    private static JsonNode pbtSgd(String className, String output, int generations) throws Exception {
        Outcome o = trainObjective(
                className,
                output,
                "seed: 5",
                "population: 8",
                "generations: " + generations,
                "perturbation_interval: 20",
                "parallelism: 2",
                "hyperparameters: {momentum: 0}",
                "hyperparam_mutations: {lr: {min: 0.001, max: 0.3, scale: log}}");
        assertThat(o.code()).as(o.err()).isZero();
        return new ObjectMapper()
                .readTree(dir.resolve(output).resolve("summary.json").toFile());
    }

    private static double bestFitness(JsonNode summary) {
        return summary.get("validation").get("fitness").asDouble();
    }
}
