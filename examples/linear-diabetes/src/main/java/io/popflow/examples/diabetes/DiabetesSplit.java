package io.popflow.examples.diabetes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The diabetes data (Efron, Hastie, Johnstone &amp; Tibshirani 2004, "Least Angle Regression"; see
 * {@code diabetes/README.md} in this jar) split by row: every fifth row (index 4, 9, 14, …) is
 * validation, the rest training. Features and target are standardized with the training rows' mean
 * and population standard deviation, so that nothing of the validation rows reaches the model.
 * Read-only once made.
 */
final class DiabetesSplit {
    static final String RESOURCE = "/diabetes/diabetes.csv";
    static final String HEADER = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression";
    static final int FEATURES = 10;

    private static DiabetesSplit shared;

    private final String[] featureNames;
    private final double[] trainFeatures; // standardized, row-major
    private final double[] trainTargets; // standardized
    private final double[] validationFeatures; // standardized with the training statistics
    private final double[] validationTargets; // in the target's own units
    private final double targetMean;
    private final double targetSd;

    /**
     * The split of the jar's copy, read once per class loader: every agent reads the same rows, and
     * as nothing writes them, sharing them keeps the agents independent and saves a copy per agent.
     */
    static synchronized DiabetesSplit shared() {
        if (shared == null) {
            shared = read();
        }
        return shared;
    }

    private static DiabetesSplit read() {
        try (InputStream in = DiabetesSplit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE.substring(1) + " is not on the class path: the jar `mvn package` builds carries it");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(RESOURCE + " starts with " + header + ", expected " + HEADER);
            }
            List<double[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(parse(line, rows.size() + 2));
                }
            }
            return new DiabetesSplit(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] parse(String line, int lineNumber) {
        String[] fields = line.split(",", -1);
        if (fields.length != FEATURES + 1) {
            throw new IllegalStateException(
                    RESOURCE + " line " + lineNumber + " has " + fields.length + " fields, expected " + (FEATURES + 1));
        }
        double[] row = new double[fields.length];
        for (int j = 0; j < fields.length; j++) {
            row[j] = Double.parseDouble(fields[j].trim());
        }
        return row;
    }

    /** @param rows the data rows in file order, each 10 features then the target */
    DiabetesSplit(List<double[]> rows) {
        featureNames = HEADER.split(",");
        List<double[]> train = new ArrayList<>();
        List<double[]> validation = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (isValidation(i) ? validation : train).add(rows.get(i));
        }
        double[] mean = new double[FEATURES + 1];
        double[] sd = new double[FEATURES + 1];
        for (int j = 0; j <= FEATURES; j++) {
            double sum = 0;
            for (double[] row : train) {
                sum += row[j];
            }
            mean[j] = sum / train.size();
            double squares = 0;
            for (double[] row : train) {
                squares += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            sd[j] = Math.sqrt(squares / train.size());
            if (!(sd[j] > 0)) {
                throw new IllegalStateException(featureNames[j] + " is constant on the training rows");
            }
        }
        targetMean = mean[FEATURES];
        targetSd = sd[FEATURES];
        trainFeatures = standardized(train, mean, sd);
        validationFeatures = standardized(validation, mean, sd);
        trainTargets = new double[train.size()];
        for (int i = 0; i < trainTargets.length; i++) {
            trainTargets[i] = (train.get(i)[FEATURES] - targetMean) / targetSd;
        }
        validationTargets = validation.stream().mapToDouble(r -> r[FEATURES]).toArray();
    }

    /** The fixed split: every fifth row, counted from 0, is validation. */
    static boolean isValidation(int row) {
        return row % 5 == 4;
    }

    private static double[] standardized(List<double[]> rows, double[] mean, double[] sd) {
        double[] out = new double[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < FEATURES; j++) {
                out[i * FEATURES + j] = (rows.get(i)[j] - mean[j]) / sd[j];
            }
        }
        return out;
    }

    String featureName(int j) {
        return featureNames[j];
    }

    int trainRows() {
        return trainTargets.length;
    }

    int validationRows() {
        return validationTargets.length;
    }

    double targetMean() {
        return targetMean;
    }

    double targetSd() {
        return targetSd;
    }

    /** The prediction minus the target on training row {@code row}, both standardized. */
    double trainResidual(int row, double[] weights, double bias) {
        return dot(trainFeatures, row, weights) + bias - trainTargets[row];
    }

    /** Adds {@code scale} times training row {@code row}'s features to {@code sum}. */
    void addTrainFeatures(int row, double scale, double[] sum) {
        int offset = row * FEATURES;
        for (int j = 0; j < FEATURES; j++) {
            sum[j] += scale * trainFeatures[offset + j];
        }
    }

    /** The mean squared error on the validation rows, in the target's own units (squared). */
    double validationMse(double[] weights, double bias) {
        double sum = 0;
        for (int i = 0; i < validationTargets.length; i++) {
            double prediction = (dot(validationFeatures, i, weights) + bias) * targetSd + targetMean;
            double error = prediction - validationTargets[i];
            sum += error * error;
        }
        return sum / validationTargets.length;
    }

    private static double dot(double[] features, int row, double[] weights) {
        int offset = row * FEATURES;
        double sum = 0;
        for (int j = 0; j < FEATURES; j++) {
            sum += features[offset + j] * weights[j];
        }
        return sum;
    }
}
