package io.popflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.popflow.math.Summary;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.OutputLoss;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Figures 2 and 3: the kernels, measured by JMH in a forked JVM. */
final class Kernels {
    private Kernels() {}

    static List<BenchFigure> run(boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(KernelBenchmarks.class.getName())
                .include(DqnBenchmarks.class.getName())
                .forks(1)
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector")
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> micros = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            if (r.getParams().getParam("batch") != null) {
                name += "@" + r.getParams().getParam("batch");
            }
            var stats = r.getPrimaryResult().getStatistics();
            double[] iterations = new double[(int) stats.getN()];
            int i = 0;
            for (var it : r.getBenchmarkResults()) {
                for (var ir : it.getIterationResults()) {
                    iterations[i++] = ir.getPrimaryResult().getScore();
                }
            }
            micros.put(name, java.util.Arrays.copyOf(iterations, i));
        }
        double[] small = micros.get("popflowSmallStep");
        double[] dl4j = micros.get("dl4jSmallFit");
        double[] wide = micros.get("popflowWideStep");
        double[] sgemm = micros.get("sgemm");

        List<BenchFigure> figures = new ArrayList<>();
        double wideFlops = new MlpArchitecture(KernelBenchmarks.WIDE, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY)
                .flopsPerStep(KernelBenchmarks.WIDE_BATCH);
        double wideGflops = wideFlops / Summary.of(wide).quantile(0.5) / 1e3;
        double sgemmGflops = KernelBenchmarks.sgemmFlops() / Summary.of(sgemm).quantile(0.5) / 1e3;
        ObjectNode wideDetails = details(wide, "us per step");
        wideDetails.put("step_gflops", wideGflops);
        wideDetails.put("sgemm_gflops", sgemmGflops);
        wideDetails.set("sgemm_us", details(sgemm, "us per call"));
        wideDetails.put("shape", "784-256-256-10, batch 128, synthetic data; sgemm 128x785x256");
        figures.add(new BenchFigure(
                "wide-MLP gradient step GFLOP/s / sgemm GFLOP/s",
                wideGflops / sgemmGflops,
                "ratio",
                ">= 0.5",
                wideGflops / sgemmGflops >= 0.5,
                wideDetails));

        double speedup = Summary.of(dl4j).quantile(0.5) / Summary.of(small).quantile(0.5);
        ObjectNode smallDetails = details(small, "us per popflow step");
        smallDetails.set("dl4j_us", details(dl4j, "us per MultiLayerNetwork.fit"));
        smallDetails.put("shape", "64-64-10 ReLU softmax, batch 32, digits, plain SGD in both");
        figures.add(new BenchFigure(
                "small-MLP step: DL4J fit time / popflow step time",
                speedup,
                "ratio",
                ">= 3",
                speedup >= 3,
                smallDetails));
        figures.addAll(dqn(micros));
        return figures;
    }

    /** The seed authors' DQN step, measured on this machine with PyTorch 1.13 on one thread (reference/cartpole.md). */
    private static final Map<Integer, Double> PYTORCH_MICROS = Map.of(32, 460.0, 64, 620.0, 128, 1000.0);

    /**
     * Per batch size: the authors' step time over popflow's (target 5x), with the step's FLOPs,
     * GFLOP/s, and ND4J sgemm's GFLOP/s on the same products beside it (target: at least half).
     */
    private static List<BenchFigure> dqn(Map<String, double[]> micros) {
        List<BenchFigure> figures = new ArrayList<>();
        io.popflow.rl.DqnLearner learner = new io.popflow.rl.DqnLearner(io.popflow.rl.DqnSettings.authors(
                new io.popflow.rl.ClassicControl(io.popflow.rl.ClassicControl.CARTPOLE, 100), 128));
        for (int batch : new int[] {32, 64, 128}) {
            double[] step = micros.get("dqnGradientStep@" + batch);
            double[] sgemm = micros.get("dqnProductsOnSgemm@" + batch);
            double stepMicros = Summary.of(step).quantile(0.5);
            double sgemmMicros = Summary.of(sgemm).quantile(0.5);
            double flops = learner.flopsPerGradientStep(batch);
            double speedup = PYTORCH_MICROS.get(batch) / stepMicros;
            double stepGflops = flops / stepMicros / 1e3;
            double sgemmGflops = flops / sgemmMicros / 1e3;
            ObjectNode d = details(step, "us per DQN gradient step");
            d.put("pytorch_us", PYTORCH_MICROS.get(batch));
            d.put("flops", flops);
            d.put("step_gflops", stepGflops);
            d.put("sgemm_gflops_same_products", sgemmGflops);
            d.put("step_over_sgemm", stepGflops / sgemmGflops);
            d.set("sgemm_us", details(sgemm, "us for the step's products as ND4J gemm calls"));
            d.put("kernel", "Vector API (the JMH fork runs with --add-modules jdk.incubator.vector)");
            d.put(
                    "shape",
                    "4-64-64-2 ReLU, Adam, MSE TD loss, replay of 5,000 CartPole transitions, environment excluded");
            boolean met = speedup >= 5 && stepGflops >= 0.5 * sgemmGflops;
            figures.add(new BenchFigure(
                    "DQN step at batch " + batch + ": PyTorch (authors) time / popflow time",
                    speedup,
                    "ratio",
                    ">= 5",
                    met,
                    d));
        }
        return figures;
    }

    static ObjectNode details(double[] values, String unit) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("unit", unit);
        Summary s = Summary.of(values);
        o.put("median", s.quantile(0.5));
        o.put("min", s.min());
        o.put("max", s.max());
        o.put("iterations", values.length);
        return o;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
