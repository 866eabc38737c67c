package io.popflow.bench;

import io.popflow.math.SplitMix64;
import io.popflow.model.MlpArchitecture;
import io.popflow.rl.ClassicControl;
import io.popflow.rl.DqnLearner;
import io.popflow.rl.DqnSettings;
import io.popflow.rl.DqnState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One DQN gradient step of the seed authors' agent (4-64-64-2 ReLU, Adam, MSE TD loss, a full
 * replay memory of CartPole transitions; environment excluded, as in their figure), and ND4J's
 * sgemm on the same products: every matrix product of the step, issued one by one at its shape.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DqnBenchmarks {

    /** A learner whose memory holds 5,000 transitions of a random CartPole policy. */
    @State(Scope.Thread)
    public static class Agent {
        @Param({"32", "64", "128"})
        int batch;

        DqnLearner learner;
        DqnState state;
        SplitMix64 rng;

        @Setup
        public void setup() {
            learner = new DqnLearner(DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 100), 128));
            rng = new SplitMix64(3);
            state = learner.create(rng, 1);
            // ε ≈ 1 throughout (ε_decay 1e12): a memory of random-policy transitions; training meanwhile is immaterial
            while (state.steps < state.replay.capacity()) {
                learner.step(state, 1e-3, 1e12, 128, 0, rng);
            }
        }
    }

    /** The step's products as ND4J gemm calls, column-major as ND4J prefers. */
    @State(Scope.Thread)
    public static class Products {
        @Param({"32", "64", "128"})
        int batch;

        List<INDArray[]> calls;

        @Setup
        public void setup() {
            calls = new ArrayList<>();
            MlpArchitecture arch = DqnSettings.authors(new ClassicControl(ClassicControl.CARTPOLE, 100), 128)
                    .architecture(4, 2);
            for (int l = 0; l < arch.layers(); l++) {
                int n = arch.inputs(l) + 1;
                int m = arch.outputs(l);
                // two forward passes (target and Q): (b x n)(n x m)
                calls.add(product(batch, n, m));
                calls.add(product(batch, n, m));
                // the matrix gradient: (n x b)(b x m)
                calls.add(product(n, batch, m));
                if (l > 0) {
                    // the input gradient: (b x m)(m x n-1)
                    calls.add(product(batch, m, n - 1));
                }
            }
        }

        private static INDArray[] product(int rows, int inner, int cols) {
            return new INDArray[] {
                Nd4j.rand(DataType.FLOAT, rows, inner).dup('f'),
                Nd4j.rand(DataType.FLOAT, inner, cols).dup('f'),
                Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, 'f')
            };
        }
    }

    @Benchmark
    public double dqnGradientStep(Agent a) {
        return a.learner.learn(a.state, 1e-3, a.batch, 0, a.rng);
    }

    @Benchmark
    public INDArray dqnProductsOnSgemm(Products p) {
        INDArray last = null;
        for (INDArray[] call : p.calls) {
            last = Nd4j.gemm(call[0], call[1], call[2], false, false, 1.0, 0.0);
        }
        return last;
    }
}
