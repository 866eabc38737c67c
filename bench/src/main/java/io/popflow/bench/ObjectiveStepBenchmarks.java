package io.popflow.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.config.PopulationConfig;
import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.UpdateRule;
import io.popflow.jobs.config.ConfigLoader;
import io.popflow.math.SplitMix64;
import io.popflow.task.CustomObjectiveTaskSpec;
import io.popflow.task.QuadraticTaskSpec;
import io.popflow.task.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Langevin step (gradient, then the SGLD update) of the {@code quadratic} preset's task, built
 * in and as a user's {@link QuadraticObjective} behind {@code task: custom_objective}: the step the
 * {@code objective} figure's runs are made of, without the job around it, to say where the
 * difference goes. Not part of {@code popflow bench}; run it with JMH's main
 * ({@code org.openjdk.jmh.Main ObjectiveStepBenchmarks}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ObjectiveStepBenchmarks {

    /** The two tasks of one run seed, one agent's θ, and its random stream. */
    @State(Scope.Thread)
    public static class Agent {
        Task builtIn;
        Task objective;
        float[] theta;
        float[] gradient;
        SplitMix64 rng;
        // mid-range of the preset's mutations: what a step's cost does not depend on
        final FastHyperparameters h = new FastHyperparameters(0.05, 0, 0.1, 1e-3, 1);

        @Setup
        public void setup() {
            ObjectNode tree = ConfigLoader.set(ConfigLoader.preset("quadratic"), "output=unused");
            PopulationConfig reference = ConfigLoader.parse(tree).population();
            PopulationConfig wrapped = ConfigLoader.parse(QuadraticObjectiveOptions.replacingTheTask(tree))
                    .population();
            builtIn = ((QuadraticTaskSpec) reference.task()).create(reference.seed());
            objective = ((CustomObjectiveTaskSpec) wrapped.task()).create(wrapped.seed());
            theta = new float[builtIn.dimension()];
            gradient = new float[theta.length];
            rng = new SplitMix64(1);
            builtIn.initialize(theta, rng);
        }

        double step(Task task) {
            double loss = task.lossAndGradient(theta, gradient, 1, null, rng);
            UpdateRule.SGLD.apply(theta, gradient, null, 1, h, rng);
            return loss;
        }
    }

    @Benchmark
    public double builtInStep(Agent a) {
        return a.step(a.builtIn);
    }

    @Benchmark
    public double objectiveStep(Agent a) {
        return a.step(a.objective);
    }
}
