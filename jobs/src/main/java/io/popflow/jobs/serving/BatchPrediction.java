package io.popflow.jobs.serving;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code popflow predict}'s work: a matched table's rows scored in batches and written as CSV, one
 * line per input row ({@code line}: its line in the input file, then the prediction), and, where
 * the file holds the label, how well the predictions match it.
 */
public final class BatchPrediction {
    private BatchPrediction() {}

    /**
     * Scores every row of {@code input} (all checked first) and writes them to {@code out}.
     *
     * @return the one-line measure against the file's label column, or null if it has none
     */
    public static String write(ScoringModel model, TableInput input, boolean ignoreUnknown, Appendable out)
            throws IOException, OrtException {
        List<InputBatch> batches = input.batches(model, ignoreUnknown);
        ModelMetadata m = model.metadata();
        Measure measure = new Measure();
        // not closed here: the caller owns out (standard output stays open)
        CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
        csv.printRecord(header(m));
        int row = 0;
        for (InputBatch batch : batches) {
            Predictions p = model.score(batch);
            for (int i = 0; i < p.rows(); i++, row++) {
                csv.printRecord(record(input.line(row), p, i));
                if (input.hasLabel()) {
                    measure.add(input, row, p, i);
                }
            }
        }
        csv.flush();
        return input.hasLabel() ? measure.line(m) : null;
    }

    static List<String> header(ModelMetadata m) {
        List<String> h = new ArrayList<>(List.of("line"));
        switch (m.kind()) {
            case ModelMetadata.CLASSIFICATION -> {
                h.add("label");
                m.classes().forEach(c -> h.add("p_" + c));
            }
            case ModelMetadata.REGRESSION -> h.add(m.target().name());
            default -> {
                h.add("action");
                int actions = m.actions() == null ? 0 : m.actions().size();
                for (int a = 0; a < actions; a++) {
                    h.add("q_" + a);
                }
            }
        }
        return h;
    }

    private static List<Object> record(int line, Predictions p, int i) {
        List<Object> r = new ArrayList<>(List.of(line));
        if (p.labels() != null) {
            r.add(p.labels()[i]);
            for (float v : p.probabilities()[i]) {
                r.add(v);
            }
        } else if (p.values() != null) {
            r.add(p.values()[i]);
        } else {
            r.add(p.actions()[i]);
            for (float v : p.qValues()[i]) {
                r.add(v);
            }
        }
        return r;
    }

    /** Accuracy of a classification, R² and MAE of a regression, over the rows whose label is present. */
    private static final class Measure {
        private int rows;
        private int correct;
        private double absoluteError;
        private final List<double[]> pairs = new ArrayList<>();

        void add(TableInput input, int row, Predictions p, int i) {
            if (p.labels() != null) {
                String truth = input.labelText(row);
                if (truth != null) {
                    rows++;
                    correct += truth.equals(p.labels()[i]) ? 1 : 0;
                }
            } else if (p.values() != null && !Double.isNaN(input.target(row))) {
                rows++;
                absoluteError += Math.abs(input.target(row) - p.values()[i]);
                pairs.add(new double[] {input.target(row), p.values()[i]});
            }
        }

        String line(ModelMetadata m) {
            String over = " over " + rows + " rows with a "
                    + (m.labelColumn() == null ? "label" : "'" + m.labelColumn() + "'");
            if (ModelMetadata.CLASSIFICATION.equals(m.kind())) {
                return String.format(
                        Locale.ROOT,
                        "accuracy %.4f (%d of %d)%s",
                        rows == 0 ? Double.NaN : (double) correct / rows,
                        correct,
                        rows,
                        over);
            }
            double mean = pairs.stream().mapToDouble(q -> q[0]).average().orElse(Double.NaN);
            double residual = pairs.stream()
                    .mapToDouble(q -> (q[0] - q[1]) * (q[0] - q[1]))
                    .sum();
            double total = pairs.stream()
                    .mapToDouble(q -> (q[0] - mean) * (q[0] - mean))
                    .sum();
            return String.format(Locale.ROOT, "R² %.4f, MAE %.4g%s", 1 - residual / total, absoluteError / rows, over);
        }
    }
}
