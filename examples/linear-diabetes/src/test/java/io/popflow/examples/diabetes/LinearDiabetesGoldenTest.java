package io.popflow.examples.diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model against numpy: {@code diabetes_lstsq.py} rebuilds the split from the CSV and solves
 * the least-squares and ridge problems in closed form, and from the same data it computes how far
 * constant-lr SGD stays from those optima (the stationary covariance of the iterates, from the
 * discrete Lyapunov equation). Its output is {@code diabetes_lstsq.properties}, committed.
 */
class LinearDiabetesGoldenTest {
    private static Properties golden;

    @BeforeAll
    static void readGolden() throws IOException {
        golden = new Properties();
        try (InputStream in = LinearDiabetesGoldenTest.class.getResourceAsStream("/diabetes_lstsq.properties")) {
            golden.load(in);
        }
    }

    private static double number(String key) {
        String value = golden.getProperty(key);
        assertThat(value).as(key).isNotNull();
        return Double.parseDouble(value);
    }

    private static double[] numbers(String key) {
        String value = golden.getProperty(key);
        assertThat(value).as(key).isNotNull();
        return Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void theSplitAndItsScaleAreNumpys() {
        DiabetesSplit split = DiabetesSplit.shared();
        assertThat(split.trainRows()).isEqualTo((int) number("train_rows"));
        assertThat(split.validationRows()).isEqualTo((int) number("validation_rows"));
        // two ways of summing 354 numbers of about 150: apart by a few ulps at most
        assertThat(split.targetMean()).isCloseTo(number("target_mean"), within(1e-12));
        assertThat(split.targetSd()).isCloseTo(number("target_sd"), within(1e-12));
    }

    @Test
    void theFitnessOfTheLeastSquaresWeightsIsMinusNumpysValidationMse() throws IOException {
        LinearDiabetes model = new LinearDiabetes();
        model.restore(state(numbers("ols.weights"), number("ols.bias")));
        // the same 88 squared errors of about 3,000 summed in another order: relative error ~1e-15
        assertThat(model.fitness()).isCloseTo(-number("ols.validation_mse"), within(1e-9));
    }

    @Test
    void aLongRidgeRunEndsWithinSgdNoiseOfTheRidgeOptimumsValidationMse() {
        double lr = 0.0005;
        double weightDecay = 0.1;
        int batchSize = 32;
        int steps = 500_000;
        assertThat(new double[] {number("ridge.lr"), number("ridge.weight_decay"), number("ridge.batch_size")})
                .as("the settings diabetes_lstsq.py computed the spread for")
                .containsExactly(lr, weightDecay, batchSize);
        // the slowest direction forgets the start by exp(-lr (λmin + decay) steps) < exp(-20), so the
        // final iterate is a draw from SGD's stationary spread around the ridge optimum
        assertThat(lr * (number("hessian_min_eigenvalue") + weightDecay) * steps)
                .isGreaterThan(20);

        LinearDiabetes model = PlainLoop.train(new SplittableRandom(20261208), lr, weightDecay, batchSize, steps);

        // SGD noise at this lr: one final iterate's validation MSE has the standard deviation
        // numpy computed (≈ 5.2) about the optimum's plus a second-order shift (≈ 0.2); 4 of them
        double expected = number("ridge.validation_mse") + number("ridge.sgd.validation_mse_shift");
        double tolerance = 4 * number("ridge.sgd.validation_mse_sd");
        assertThat(model.validationMse()).isCloseTo(expected, within(tolerance));
        // and the band tells the ridge optimum from the unregularized one, which a run that ignored
        // weight_decay would reach
        assertThat(Math.abs(number("ols.validation_mse") - expected)).isGreaterThan(tolerance);
        assertThat(model.steps()).isEqualTo(steps);
    }

    @Test
    void withoutWeightDecayAndADecayingLrTheWeightsReachTheNormalEquations() {
        double finalLr = 0.001;
        assertThat(new double[] {number("ols.lr"), number("ols.weight_decay"), number("ols.batch_size")})
                .as("the settings diabetes_lstsq.py computed the spread for")
                .containsExactly(finalLr, 0.0, 32.0);
        LinearDiabetes model = new LinearDiabetes();
        SplittableRandom random = new SplittableRandom(7);
        model.initialize(random);
        // lr 0.1 brings the weights near the optimum fast (λmin · lr · steps ≈ 160), 0.01 and 0.001
        // shrink the noise; each stage forgets the last's spread by exp(-λmin · lr · steps) ≤ exp(-7.9)
        double[][] stages = {{0.1, 200_000}, {0.01, 200_000}, {finalLr, 1_000_000}};
        for (double[] stage : stages) {
            FixedHyperparameters h = new FixedHyperparameters(stage[0], 0.0);
            for (int i = 0; i < stage[1]; i++) {
                model.step(h, random);
            }
        }
        assertThat(number("hessian_min_eigenvalue") * finalLr * stages[2][1]).isGreaterThan(7.5);

        // SGD noise at the final lr: each coordinate spreads about the optimum with the standard
        // deviation numpy computed (≈ 0.0026); 5 of them, over 11 coordinates
        double[] optimum = numbers("ols.weights");
        double[] sd = numbers("ols.sgd.weight_sd");
        double[] weights = model.weights();
        for (int j = 0; j < optimum.length; j++) {
            assertThat(weights[j]).as("weight %d", j).isCloseTo(optimum[j], within(5 * sd[j]));
        }
        assertThat(model.bias()).isCloseTo(number("ols.bias"), within(5 * number("ols.sgd.bias_sd")));
    }

    /** A state in the layout {@link LinearDiabetes#FORMAT} documents, written here from its Javadoc. */
    private static byte[] state(double[] weights, double bias) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(0);
            out.writeDouble(bias);
            for (double w : weights) {
                out.writeDouble(w);
            }
        }
        return bytes.toByteArray();
    }
}
