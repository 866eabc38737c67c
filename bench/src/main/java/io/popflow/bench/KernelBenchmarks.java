package io.popflow.bench;

import io.popflow.data.Dataset;
import io.popflow.data.DatasetSplit;
import io.popflow.data.DigitsData;
import io.popflow.fast.FastHyperparameters;
import io.popflow.fast.UpdateRule;
import io.popflow.math.SplitMix64;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.model.Nd4jMlp;
import io.popflow.model.OutputLoss;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One gradient step (minibatch, forward, backward, SGD update) of popflow's MLP, against the same
 * step by DL4J's {@code MultiLayerNetwork.fit}, and against the machine's sgemm on the wide MLP's
 * largest product. Average time per operation, single-threaded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmarks {
    static final int[] SMALL = {64, 64, 10};
    static final int SMALL_BATCH = 32;
    static final int[] WIDE = {784, 256, 256, 10};
    static final int WIDE_BATCH = 128;

    /** popflow's MLP, parameters, and a data set to draw minibatches from. */
    @State(Scope.Thread)
    public static class Step {
        Nd4jMlp mlp;
        Dataset train;
        float[] theta;
        float[] gradient;
        float[] velocity;
        int[] rows;
        SplitMix64 rng;
        FastHyperparameters h;

        void init(int[] sizes, int batch, Dataset data) {
            MlpArchitecture arch = new MlpArchitecture(sizes, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY);
            mlp = new Nd4jMlp(arch);
            train = data;
            theta = new float[arch.parameterCount()];
            Nd4jMlp.initialize(arch, theta, new SplitMix64(1));
            gradient = new float[theta.length];
            velocity = new float[theta.length];
            rows = new int[batch];
            rng = new SplitMix64(2);
            h = new FastHyperparameters(0.01, 0, 0, 0, batch);
        }

        double step() {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = rng.nextInt(train.size());
            }
            double loss = mlp.lossAndGradient(theta, train, rows, gradient);
            UpdateRule.SGD.apply(theta, gradient, velocity, 1, h, rng);
            return loss;
        }
    }

    /** The small MLP on the digits. */
    public static class SmallStep extends Step {
        @Setup
        public void setup() {
            init(SMALL, SMALL_BATCH, digitsTrain());
        }
    }

    /** The wide MLP on synthetic data of MNIST's shape. */
    public static class WideStep extends Step {
        @Setup
        public void setup() {
            init(WIDE, WIDE_BATCH, synthetic(2048, 784, 10));
        }
    }

    /** DL4J's network of the same shape, fed the same digits minibatches. */
    @State(Scope.Thread)
    public static class Dl4jSmall {
        MultiLayerNetwork net;
        DataSet[] batches;
        int next;

        @Setup
        public void setup() {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(1)
                    .dataType(DataType.FLOAT)
                    .updater(new Sgd(0.01))
                    .list()
                    .layer(new DenseLayer.Builder()
                            .nIn(64)
                            .nOut(64)
                            .activation(org.nd4j.linalg.activations.Activation.RELU)
                            .build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nIn(64)
                            .nOut(10)
                            .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                            .build())
                    .build();
            net = new MultiLayerNetwork(conf);
            net.init();
            Dataset train = digitsTrain();
            SplitMix64 rng = new SplitMix64(2);
            batches = new DataSet[64];
            for (int b = 0; b < batches.length; b++) {
                float[][] x = new float[SMALL_BATCH][64];
                float[][] y = new float[SMALL_BATCH][10];
                for (int i = 0; i < SMALL_BATCH; i++) {
                    int row = rng.nextInt(train.size());
                    for (int j = 0; j < 64; j++) {
                        x[i][j] = train.feature(row, j);
                    }
                    y[i][train.label(row)] = 1;
                }
                batches[b] = new DataSet(Nd4j.create(x), Nd4j.create(y));
            }
        }
    }

    /** The wide MLP's largest product, batch × 785 times 785 × 256, column-major as the MLP issues it. */
    @State(Scope.Thread)
    public static class Sgemm {
        INDArray a;
        INDArray b;
        INDArray c;

        @Setup
        public void setup() {
            a = Nd4j.rand(DataType.FLOAT, WIDE_BATCH, WIDE[0] + 1).dup('f');
            b = Nd4j.rand(DataType.FLOAT, WIDE[0] + 1, WIDE[1]).dup('f');
            c = Nd4j.create(DataType.FLOAT, new long[] {WIDE_BATCH, WIDE[1]}, 'f');
        }
    }

    @Benchmark
    public double popflowSmallStep(SmallStep s) {
        return s.step();
    }

    @Benchmark
    public double popflowWideStep(WideStep s) {
        return s.step();
    }

    @Benchmark
    public Object dl4jSmallFit(Dl4jSmall s) {
        s.net.fit(s.batches[s.next++ & 63]);
        return s.net;
    }

    @Benchmark
    public INDArray sgemm(Sgemm s) {
        return Nd4j.gemm(s.a, s.b, s.c, false, false, 1.0, 0.0);
    }

    /** Floating-point operations of one sgemm call (2 per multiply-add). */
    static double sgemmFlops() {
        return 2.0 * WIDE_BATCH * (WIDE[0] + 1) * WIDE[1];
    }

    static Dataset digitsTrain() {
        return DatasetSplit.of(DigitsData.load(), 0.6, 0.2, new SplitMix64(42)).train();
    }

    static Dataset synthetic(int rows, int features, int classes) {
        SplitMix64 rng = new SplitMix64(7);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Dataset.classification(features, x, labels, classes);
    }
}
