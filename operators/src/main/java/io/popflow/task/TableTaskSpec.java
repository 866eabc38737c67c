package io.popflow.task;

import io.popflow.data.Delimiter;
import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.math.RandomStreams;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import io.popflow.option.InvalidOptionException;
import io.popflow.option.Option;
import io.popflow.taskkind.TaskKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An MLP on a user's CSV or TSV file: classification (the label column's values, of any text, are
 * the classes) or regression (the target standardised for training; test metrics in the target's
 * own units). The rows are split by the run's seed, stratified by class for a classification; the
 * encoding ({@link TableEncoding}) learns from the training rows only.
 *
 * @param table the file's contents, checked
 * @param label index of the label column
 * @param target classification or regression
 * @param missing what a missing feature value does: refused when the table was read, or imputed
 * @param hidden hidden layer sizes
 * @param activation hidden nonlinearity
 * @param trainFraction share of rows the fast dynamics trains on
 * @param validationFraction share of rows fitness is measured on (the rest is the test set)
 * @param metric what fitness is made of
 */
public record TableTaskSpec(
        Table table,
        int label,
        Target target,
        Missing missing,
        int[] hidden,
        Activation activation,
        double trainFraction,
        double validationFraction,
        FitnessMetric metric)
        implements GradientTaskSpec {

    /** What the label column is. */
    public enum Target {
        CLASSIFICATION,
        REGRESSION
    }

    /** What a missing feature value does. */
    public enum Missing {
        REFUSE,
        IMPUTE
    }

    /** Test parts smaller than this give a coarse test metric, and a run says so. */
    public static final int SMALL_TEST_PART = 30;

    public static final Option<String> FILE = Option.path(
                    "table.file", null, "table: the CSV or TSV file to learn from")
            .appliesTo(TaskKind.TABLE);
    public static final Option<Delimiter> DELIMITER = Option.choice(
                    "table.delimiter",
                    Delimiter.class,
                    Delimiter.AUTO,
                    "table: the separator; auto takes the one of comma, semicolon and tab the header line uses most (if none: "
                            + "tab for .tsv and .tab files, comma otherwise)")
            .appliesTo(TaskKind.TABLE);
    public static final Option<Boolean> HEADER = Option.flag(
                    "table.header", true, "table: the first line names the columns (else column1, column2, ...)")
            .appliesTo(TaskKind.TABLE);
    public static final Option<String> LABEL = Option.text(
                    "table.label", null, "table: the label column, by name or by number from 1")
            .defaultIs("the last column")
            .appliesTo(TaskKind.TABLE);
    public static final Option<Target> TARGET = Option.choice(
                    "table.target", Target.class, null, "table: classification or regression (required)")
            .appliesTo(TaskKind.TABLE);
    public static final Option<Missing> MISSING = Option.choice(
                    "table.missing",
                    Missing.class,
                    Missing.REFUSE,
                    "table: a missing feature value (empty, NA or ?) is refused by file:line:column, or imputed with the "
                            + "training mean (a text column's: no category)")
            .appliesTo(TaskKind.TABLE);
    public static final Option<double[]> SPLIT = Option.numbers(
                    "table.split",
                    new double[] {0.6, 0.2},
                    "table: train and validation fractions; the rest is the test set")
            .check(s -> s.length == 2, "must be [train, validation] fractions")
            .appliesTo(TaskKind.TABLE);
    public static final Option<FitnessMetric> FITNESS = Option.choice(
                    "table.fitness",
                    FitnessMetric.class,
                    FitnessMetric.NEGATIVE_LOSS,
                    "table: what fitness is made of (a regression's: negative_loss, the "
                            + "validation MSE in standardised units)")
            .appliesTo(TaskKind.TABLE);

    public static final List<Option<?>> OPTIONS =
            List.of(FILE, DELIMITER, HEADER, LABEL, TARGET, MISSING, SPLIT, FITNESS);

    public TableTaskSpec {
        hidden = ModelOptions.HIDDEN.require(hidden).clone();
        InvalidOptionException.require(
                trainFraction > 0 && validationFraction > 0 && trainFraction + validationFraction < 1,
                "table.split",
                "train and validation fractions must be > 0 and leave a test part, got " + trainFraction + " and "
                        + validationFraction);
        requireColumns(table);
        String labelName = table.names()[label];
        if (target == Target.REGRESSION) {
            InvalidOptionException.require(
                    table.columns()[label] instanceof Table.Numeric,
                    "table.label",
                    "column '" + labelName + "' of " + table.source() + " holds text: a regression needs numbers");
            InvalidOptionException.require(
                    metric == FitnessMetric.NEGATIVE_LOSS,
                    "table.fitness",
                    "a regression has no accuracy: use negative_loss");
        }
        for (int r = 0; r < table.rows(); r++) {
            if (table.columns()[label].isMissing(r)) {
                throw new InvalidOptionException(
                        "table.file",
                        table.source() + ":" + table.lines()[r] + ":" + (label + 1) + " (" + labelName
                                + "): the label is missing; a row without its label cannot be learned from");
            }
        }
        if (missing == Missing.REFUSE) {
            for (int r = 0; r < table.rows(); r++) {
                for (int c = 0; c < table.columns().length; c++) {
                    if (table.columns()[c].isMissing(r)) {
                        throw new InvalidOptionException(
                                "table.file",
                                table.source() + ":" + table.lines()[r] + ":"
                                        + (c + 1) + " (" + table.names()[c]
                                        + "): missing value (table.missing: impute fills it "
                                        + "with the training mean)");
                    }
                }
            }
        }
        if (target == Target.CLASSIFICATION) {
            String[] classes = classes(table, label);
            InvalidOptionException.require(
                    classes.length >= 2,
                    "table.label",
                    "column '" + labelName + "' of " + table.source() + " holds one class ('" + classes[0]
                            + "'): there is nothing to tell apart");
        }
        requireRowsForEveryPart(table, label, target, trainFraction, validationFraction);
    }

    /**
     * Refuses a table of one column, which has nothing to learn a label from; when its one name
     * holds another separator, says which {@code table.delimiter} reads it.
     */
    public static void requireColumns(Table table) {
        if (table.columns().length >= 2) {
            return;
        }
        String name = table.names()[0];
        Delimiter other = null;
        long most = 0;
        for (Delimiter d : Delimiter.values()) {
            long n = d == Delimiter.AUTO
                    ? 0
                    : name.chars().filter(c -> c == d.character()).count();
            if (n > most) {
                most = n;
                other = d;
            }
        }
        throw new InvalidOptionException(
                "table.file",
                table.source() + " has one column: there is nothing to learn "
                        + "the label from"
                        + (other == null
                                ? ""
                                : " (its header holds "
                                        + (other == Delimiter.TAB ? "tabs" : "'" + other.character() + "'")
                                        + ": table.delimiter: " + other.optionValue() + " reads it)"));
    }

    /**
     * Train, validation and test rows of {@code n} rows (of one class, for a classification), as
     * {@link TableTask#split} cuts them: round(n × train), round(n × validation), the rest.
     */
    int[] cut(int n) {
        return cut(n, trainFraction, validationFraction);
    }

    private static int[] cut(int n, double trainFraction, double validationFraction) {
        int train = (int) Math.round(n * trainFraction);
        int validation = (int) Math.round(n * validationFraction);
        return new int[] {train, validation, n - train - validation};
    }

    /** Rows of each class, in the order of {@link #classes()}. */
    private static int[] classSizes(Table table, int label, String[] classes) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.length; k++) {
            index.put(classes[k], k);
        }
        int[] sizes = new int[classes.length];
        for (int r = 0; r < table.rows(); r++) {
            sizes[index.get(TableEncoding.labelText(table, label, r))]++;
        }
        return sizes;
    }

    /** Rows of the train, validation and test parts: the same for every seed. */
    public int[] partSizes() {
        int[] groups = target == Target.REGRESSION ? new int[] {table.rows()} : classSizes(table, label, classes());
        return partSizes(groups, trainFraction, validationFraction);
    }

    private static int[] partSizes(int[] groups, double trainFraction, double validationFraction) {
        int[] parts = new int[3];
        for (int size : groups) {
            int[] cut = cut(size, trainFraction, validationFraction);
            for (int p = 0; p < 3; p++) {
                parts[p] += cut[p];
            }
        }
        return parts;
    }

    /** Rows of the test part. */
    public int testRows() {
        return partSizes()[2];
    }

    /** What a run says of a test part under {@value #SMALL_TEST_PART} rows, or null for a larger one. */
    public String smallTestPart() {
        int rows = testRows();
        return rows >= SMALL_TEST_PART
                ? null
                : "test part " + rows + (rows == 1 ? " row" : " rows") + ", under "
                        + SMALL_TEST_PART + ": its "
                        + (target == Target.CLASSIFICATION
                                ? "accuracy moves in steps of "
                                        + String.format(java.util.Locale.ROOT, "%.3g", 100.0 / rows) + "%"
                                : "metrics are a coarse estimate");
    }

    /**
     * The split's refusals, from the class sizes alone (the split is per class, the seed only
     * shuffles within one): a classification with fewer than 2 training rows per class on average
     * (a numeric label of more than 2 values is asked whether it is a regression, and asked first:
     * its many small classes would also empty a part), a part left empty, a class left without a
     * training row.
     */
    private static void requireRowsForEveryPart(
            Table table, int label, Target target, double trainFraction, double validationFraction) {
        String labelName = table.names()[label];
        String[] classes = target == Target.CLASSIFICATION ? classes(table, label) : null;
        int[] groups = classes == null ? new int[] {table.rows()} : classSizes(table, label, classes);
        int[] parts = partSizes(groups, trainFraction, validationFraction);
        String counts = "train " + parts[0] + ", validation " + parts[1] + ", test " + parts[2];
        String split = "table.split [" + trainFraction + ", " + validationFraction + "]";
        boolean fewPerClass = classes != null && parts[0] < 2 * classes.length;
        String perClass = classes == null
                ? ""
                : "column '" + labelName + "' of " + table.source() + ": "
                        + classes.length + " classes for " + table.rows() + " rows (" + parts[0]
                        + " of them for training, fewer than 2 per class)";
        InvalidOptionException.require(
                !(fewPerClass && classes.length > 2 && table.columns()[label] instanceof Table.Numeric),
                "table.target",
                perClass + ": is this a regression? (table.target: regression)");
        List<String> empty = new ArrayList<>();
        String[] partNames = {"train", "validation", "test"};
        for (int p = 0; p < 3; p++) {
            if (parts[p] == 0) {
                empty.add(partNames[p]);
            }
        }
        InvalidOptionException.require(
                empty.isEmpty(),
                "table.file",
                table.source() + ": " + split + " of its "
                        + table.rows() + " rows" + (classes != null ? ", by class," : "") + " leaves the "
                        + String.join(" and ", empty) + (empty.size() == 1 ? " part" : " parts") + " empty (" + counts
                        + "): it needs more rows");
        if (classes != null) {
            List<String> untrained = new ArrayList<>();
            for (int k = 0; k < classes.length; k++) {
                if (cut(groups[k], trainFraction, validationFraction)[0] == 0) {
                    untrained.add("'" + classes[k] + "' (" + groups[k] + (groups[k] == 1 ? " row)" : " rows)"));
                }
            }
            if (!untrained.isEmpty()) {
                throw new InvalidOptionException(
                        "table.file",
                        table.source() + ": " + split + " leaves class "
                                + untrained.get(0)
                                + (untrained.size() > 1 ? " and " + (untrained.size() - 1) + " more" : "")
                                + " without a training row (" + counts + "): the network could never learn it");
            }
            InvalidOptionException.require(
                    !fewPerClass, "table.file", perClass + ": too few rows to learn the classes");
        }
    }

    /** The classes of a classification, in sorted order. */
    static String[] classes(Table table, int label) {
        TreeSet<String> all = new TreeSet<>();
        for (int r = 0; r < table.rows(); r++) {
            all.add(TableEncoding.labelText(table, label, r));
        }
        return all.toArray(new String[0]);
    }

    /** The classification's classes (empty for a regression). */
    public String[] classes() {
        return target == Target.CLASSIFICATION ? classes(table, label) : new String[0];
    }

    /**
     * The run's train, validation and test rows (each ascending): shuffled by the run's seed and cut
     * by the split fractions, per class for a classification.
     */
    public int[][] parts(long runSeed) {
        return TableTask.split(this, RandomStreams.DATA_SPLIT.generator(runSeed));
    }

    /** The encoding learnt from {@code trainRows} (the first of {@link #parts}). */
    public TableEncoding encoding(int[] trainRows) {
        return new TableEncoding(table, label, target == Target.REGRESSION ? null : classes(), trainRows);
    }

    @Override
    public Task create(long runSeed) {
        return new TableTask(this, runSeed);
    }

    /** The network for {@code inputs} encoded inputs. */
    public MlpArchitecture architecture(int inputs) {
        return target == Target.CLASSIFICATION
                ? MlpArchitecture.classifier(inputs, hidden, classes().length, activation)
                : MlpArchitecture.regressor(inputs, hidden, 1, activation);
    }

    @Override
    public String name() {
        return "table";
    }

    @Override
    public boolean hasClosedForm() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableTaskSpec t
                && t.table.source().equals(table.source())
                && label == t.label
                && target == t.target
                && missing == t.missing
                && Arrays.equals(hidden, t.hidden)
                && activation == t.activation
                && trainFraction == t.trainFraction
                && validationFraction == t.validationFraction
                && metric == t.metric;
    }

    @Override
    public int hashCode() {
        return table.source().hashCode() * 31 + label;
    }

    @Override
    public String toString() {
        return "table " + table.source() + " (" + target.name().toLowerCase() + " of " + table.names()[label] + ", "
                + table.rows() + " rows)";
    }
}
