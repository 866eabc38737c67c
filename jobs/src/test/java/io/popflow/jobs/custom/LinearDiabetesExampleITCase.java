package io.popflow.jobs.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.agent.AgentLifecycle;
import io.popflow.cli.Popflow;
import io.popflow.jobs.JobSinks;
import io.popflow.jobs.run.JsonLines;
import io.popflow.math.RandomStreams;
import io.popflow.math.SplitMix64;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/linear-diabetes}: a user's own learner (a {@code Trainable}: a linear model by
 * minibatch SGD, in plain Java) under PBT on the diabetes table. Without selection, every agent ends
 * bit for bit where the user's own loop without popflow ends ({@code PlainLoop}, handed the agent's
 * random stream and h); with it, the winner is reproduced by {@code popflow replay}.
 */
class LinearDiabetesExampleITCase {
    private static final ExampleRuns EXAMPLE = ExampleRuns.of("linear-diabetes");

    @TempDir
    Path dir;

    /**
     * The README's run: 16 agents, 40 generations of 500 steps. Measured (seed 1): validation MSE
     * 3293; the least-squares optimum on this split is 3279 (examples/linear-diabetes's numpy
     * check), predicting the training mean scores 5937.
     */
    @Test
    void pbtReachesTheLeastSquaresErrorAndReplaysItsWinnerBitForBit() throws Exception {
        Path run = dir.resolve("pbt");
        EXAMPLE.train(run);
        double mse = -ExampleRuns.summary(run).get("validation").get("fitness").asDouble();
        assertThat(mse).as("validation MSE").isBetween(3279.0, 3400.0);

        StringWriter out = new StringWriter();
        int code = Popflow.run(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "replay", run.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("= the run's, bit for bit");
    }

    /**
     * Four agents, 4 generations, no agent exploiting or exploring (burn_in beyond the run): each
     * trains alone with the h it drew, and its final state digest is that of the user's plain loop
     * run with the same stream (the agent's, SplitMix64 from its seed), h and step count.
     */
    @Test
    void withoutSelectionEachAgentIsTheUsersPlainLoopBitForBit() throws Exception {
        Path run = dir.resolve("alone");
        EXAMPLE.train(run, "population=4", "generations=4", "burn_in=1000000000000", "parallelism=2");
        List<JsonNode> finals = JsonLines.read(run.resolve(JobSinks.FINAL_AGENTS_FILE));
        assertThat(finals).hasSize(4);
        try (URLClassLoader user = new URLClassLoader(
                new URL[] {EXAMPLE.jar().toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> loop = user.loadClass("io.popflow.examples.diabetes.PlainLoop");
            Method train =
                    loop.getMethod("train", RandomGenerator.class, double.class, double.class, int.class, int.class);
            for (JsonNode f : finals) {
                int agent = f.get("agent").asInt();
                JsonNode h = f.get("hyperparameters");
                Object model = train.invoke(
                        null,
                        new SplitMix64(RandomStreams.AGENT.seed(1, agent)),
                        h.get("lr").asDouble(),
                        h.get("weight_decay").asDouble(),
                        32,
                        f.get("steps").asInt());
                byte[] saved = (byte[]) model.getClass().getMethod("save").invoke(model);
                assertThat(f.get("params_sha256").asText())
                        .as("agent %d against the plain loop", agent)
                        .isEqualTo(AgentLifecycle.sha256(saved));
            }
        }
    }
}
