package io.popflow.jobs.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.agent.FinalAgent;
import io.popflow.config.PopulationConfig;
import io.popflow.jobs.EmbeddedCluster;
import io.popflow.jobs.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Evolution strategies on the job, as issue 12 asks them to be shown:
 *
 * <ul>
 *   <li>{@code es-cartpole}: the {@code es-cartpole} preset (OpenAI-ES, 40 members, 4-16-2 policy)
 *       per seed, run for 10, 20, ... generations until the final mean's greedy return over 100
 *       episodes is at least 475; a run of g generations is the first g generations of any longer
 *       one (a run is a function of its config and seed), so this is the mean after g generations;
 *   <li>{@code es-digits}: the {@code es-digits} preset (OpenAI-ES, 100 members), the same with
 *       10 inner SGD steps per member (Baldwinian and Lamarckian), and plain SGD (two independent
 *       agents, the same fixed h, no selection), each run for several lengths; test accuracy and
 *       wall time of each run, so that arms are compared at equal wall time.
 * </ul>
 */
public final class EsExperiments {
    private EsExperiments() {}

    /**
     * One run.
     *
     * @param arm what ran
     * @param seed its seed
     * @param generations its generations
     * @param agentSteps fast steps of all its agents (inner steps, or SGD steps)
     * @param testReturn the final mean's greedy return over 100 episodes (CartPole), NaN otherwise
     * @param testAccuracy the final (mean's or best agent's) test accuracy (digits), NaN otherwise
     * @param seconds wall time from submission to the end of the job
     */
    public record Run(
            String arm,
            long seed,
            int generations,
            long agentSteps,
            double testReturn,
            double testAccuracy,
            double seconds) {}

    static PopulationConfig config(String preset, Path output, String... options) {
        ObjectNode tree = ConfigLoader.set(ConfigLoader.preset(preset), "output=" + output);
        tree = ConfigLoader.set(tree, options);
        return ConfigLoader.parse(tree).population();
    }

    private static Run run(EmbeddedCluster cluster, String arm, PopulationConfig config) throws Exception {
        long start = System.nanoTime();
        EmbeddedCluster.Finished done = cluster.submit(config).await();
        double seconds = (System.nanoTime() - start) / 1e9;
        FinalAgent tested = done.finals().stream()
                .filter(f -> !Double.isNaN(f.testAccuracy()) || !Double.isNaN(f.testReturn()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no tested agent in the run of " + arm));
        long steps = done.finals().stream().mapToLong(FinalAgent::steps).sum();
        return new Run(
                arm, config.seed(), config.generations(), steps, tested.testReturn(), tested.testAccuracy(), seconds);
    }

    /** For each seed, runs of 10, 20, ... generations (at most {@code maxGenerations}) until the mean's return is >= 475. */
    public static List<Run> cartpole(
            EmbeddedCluster cluster, int seeds, int maxGenerations, Path output, Consumer<String> progress)
            throws Exception {
        List<Run> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            for (int g = 10; g <= maxGenerations; g += 10) {
                Run r = run(cluster, "openai_es", config("es-cartpole", output, "seed=" + seed, "generations=" + g));
                runs.add(r);
                progress.accept(String.format(
                        Locale.ROOT,
                        "seed %d, %d generations: mean policy's return %.1f (%.1f s)",
                        seed,
                        g,
                        r.testReturn(),
                        r.seconds()));
                if (r.testReturn() >= 475) {
                    break;
                }
            }
        }
        return runs;
    }

    /** The three digits arms at the given lengths, seed 42 (the presets'). */
    public static List<Run> digits(
            EmbeddedCluster cluster, int[] esGenerations, int[] sgdSteps, Path output, Consumer<String> progress)
            throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int g : esGenerations) {
            runs.add(run(cluster, "openai_es", config("es-digits", output, "generations=" + g)));
            progress.accept(describe(runs.get(runs.size() - 1)));
            runs.add(run(
                    cluster,
                    "openai_es+sgd baldwinian",
                    config("es-digits", output, "generations=" + g, "strategy.inner_steps=10")));
            progress.accept(describe(runs.get(runs.size() - 1)));
            runs.add(run(
                    cluster,
                    "openai_es+sgd lamarckian",
                    config(
                            "es-digits",
                            output,
                            "generations=" + g,
                            "strategy.inner_steps=10",
                            "strategy.inheritance=lamarckian")));
            progress.accept(describe(runs.get(runs.size() - 1)));
        }
        for (int steps : sgdSteps) {
            // two independent SGD agents with the ES presets' h: a population with no population update
            runs.add(run(
                    cluster,
                    "sgd",
                    config(
                            "es-digits",
                            output,
                            "strategy=null",
                            "hyperparameters.lr=null",
                            "population=2",
                            "selection=none",
                            "mutation=none",
                            "generations=" + Math.max(1, steps / 100),
                            "perturbation_interval=" + Math.min(100, steps),
                            "hyperparam_mutations.lr=[0.05]")));
            progress.accept(describe(runs.get(runs.size() - 1)));
        }
        return runs;
    }

    private static String describe(Run r) {
        return String.format(
                Locale.ROOT,
                "%-25s %4d generations, %8d agent-steps: test accuracy %.2f%% (%.1f s)",
                r.arm(),
                r.generations(),
                r.agentSteps(),
                100 * r.testAccuracy(),
                r.seconds());
    }

    /** Markdown tables of the runs. */
    public static String tables(List<Run> runs, boolean cartpole) {
        StringBuilder sb = new StringBuilder();
        if (cartpole) {
            sb.append(
                    "| seed | generations to return >= 475 | mean policy's return | members evaluated | wall time of that run |\n");
            sb.append("|---:|---:|---:|---:|---:|\n");
            for (long seed = 1; ; seed++) {
                long s = seed;
                List<Run> of = runs.stream().filter(r -> r.seed() == s).toList();
                if (of.isEmpty()) {
                    break;
                }
                Run last = of.get(of.size() - 1);
                boolean solved = last.testReturn() >= 475;
                sb.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %.1f | %d | %.1f s |%n",
                        seed,
                        solved ? String.valueOf(last.generations()) : "not within " + last.generations(),
                        last.testReturn(),
                        40L * last.generations(),
                        last.seconds()));
            }
        } else {
            sb.append("| arm | generations | agent-steps | test accuracy | wall time |\n");
            sb.append("|---|---:|---:|---:|---:|\n");
            for (Run r : runs) {
                sb.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %.2f%% | %.1f s |%n",
                        r.arm(),
                        r.generations(),
                        r.agentSteps(),
                        100 * r.testAccuracy(),
                        r.seconds()));
            }
        }
        return sb.toString();
    }
}
