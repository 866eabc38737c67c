package io.popflow.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Table}'s columns become a network's inputs and targets, learned from the training
 * rows only: numeric features standardised with the training mean and standard deviation (a
 * missing value, if imputed, is that mean, so 0 after standardisation), text features one-hot
 * over the categories seen in training (an unseen or missing category is all zeros); a
 * regression's target standardised the same way, a classification's label one of the classes.
 */
public final class TableEncoding {
    private final Table table;
    private final int label;
    private final boolean regression;
    private final String[] classes;
    /** Per feature column (all but the label): its mean and standard deviation, or its categories. */
    private final double[] means;

    private final double[] deviations;
    private final List<Map<String, Integer>> categories;
    private final int width;
    private final double targetMean;
    private final double targetDeviation;

    /**
     * @param classes the classification's classes in order (null for a regression)
     * @param trainRows the rows whose statistics the encoding takes
     */
    public TableEncoding(Table table, int label, String[] classes, int[] trainRows) {
        this.table = table;
        this.label = label;
        this.regression = classes == null;
        this.classes = classes;
        int columns = table.columns().length;
        means = new double[columns];
        deviations = new double[columns];
        categories = new ArrayList<>();
        int w = 0;
        for (int c = 0; c < columns; c++) {
            categories.add(null);
            if (c == label) {
                continue;
            }
            if (table.columns()[c] instanceof Table.Numeric n) {
                double[] stats = stats(n.values(), trainRows);
                means[c] = stats[0];
                deviations[c] = stats[1];
                w++;
            } else {
                Map<String, Integer> seen = new LinkedHashMap<>();
                String[] values = ((Table.Text) table.columns()[c]).values();
                for (int r : trainRows) {
                    if (values[r] != null) {
                        seen.putIfAbsent(values[r], w + seen.size());
                    }
                }
                categories.set(c, seen);
                w += seen.size();
            }
        }
        this.width = w;
        if (regression) {
            double[] stats = stats(((Table.Numeric) table.columns()[label]).values(), trainRows);
            targetMean = stats[0];
            targetDeviation = stats[1];
        } else {
            targetMean = 0;
            targetDeviation = 1;
        }
    }

    /** Mean and standard deviation (1 where it is 0) of the present values among {@code rows}. */
    private static double[] stats(double[] v, int[] rows) {
        double sum = 0;
        int n = 0;
        for (int r : rows) {
            if (!Double.isNaN(v[r])) {
                sum += v[r];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (int r : rows) {
            if (!Double.isNaN(v[r])) {
                squares += (v[r] - mean) * (v[r] - mean);
            }
        }
        double sd = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
        return new double[] {mean, sd > 0 ? sd : 1};
    }

    /** Inputs per row. */
    public int width() {
        return width;
    }

    /** The encoded rows {@code rows}. */
    public Dataset encode(int[] rows) {
        float[] x = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int offset = i * width;
            int f = 0;
            for (int c = 0; c < table.columns().length; c++) {
                if (c == label) {
                    continue;
                }
                if (table.columns()[c] instanceof Table.Numeric n) {
                    double v = n.values()[r];
                    x[offset + f++] = Double.isNaN(v) ? 0f : (float) ((v - means[c]) / deviations[c]);
                } else {
                    Map<String, Integer> seen = categories.get(c);
                    Integer at = seen.get(((Table.Text) table.columns()[c]).values()[r]);
                    if (at != null) {
                        x[offset + at] = 1f;
                    }
                    f += seen.size();
                }
            }
        }
        if (regression) {
            double[] y = ((Table.Numeric) table.columns()[label]).values();
            float[] t = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                t[i] = (float) ((y[rows[i]] - targetMean) / targetDeviation);
            }
            return Dataset.regression(width, x, t, 1);
        }
        int[] labels = new int[rows.length];
        List<String> order = Arrays.asList(classes);
        for (int i = 0; i < rows.length; i++) {
            labels[i] = order.indexOf(labelText(table, label, rows[i]));
        }
        return Dataset.classification(width, x, labels, classes.length);
    }

    /** How one feature column becomes inputs: standardised, or one-hot over its training categories. */
    public sealed interface Feature permits Standardised, OneHot {
        String name();
    }

    /** A numeric column: (v − mean) / deviation, a missing value 0 (the mean). */
    public record Standardised(String name, double mean, double deviation) implements Feature {}

    /** A text column: one input per category seen in training, in input order. */
    public record OneHot(String name, List<String> categories) implements Feature {}

    /** The feature columns (all but the label) in input order. */
    public List<Feature> features() {
        List<Feature> features = new ArrayList<>();
        for (int c = 0; c < table.columns().length; c++) {
            if (c == label) {
                continue;
            }
            features.add(
                    categories.get(c) == null
                            ? new Standardised(table.names()[c], means[c], deviations[c])
                            : new OneHot(
                                    table.names()[c],
                                    List.copyOf(categories.get(c).keySet())));
        }
        return features;
    }

    /** A regression target's training mean and deviation (0 and 1 for a classification). */
    public double[] targetStatistics() {
        return new double[] {targetMean, targetDeviation};
    }

    /** A standardised prediction in the target's own units. */
    public double targetOf(double standardised) {
        return targetMean + targetDeviation * standardised;
    }

    /** Row {@code row}'s label as text (a number as written by Java). */
    public static String labelText(Table table, int label, int row) {
        Table.Column c = table.columns()[label];
        if (c instanceof Table.Text t) {
            return t.values()[row];
        }
        double v = ((Table.Numeric) c).values()[row];
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
