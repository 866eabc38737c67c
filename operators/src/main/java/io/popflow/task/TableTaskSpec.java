package io.popflow.task;

import io.popflow.config.InvalidOptionException;
import io.popflow.config.Option;
import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.model.Activation;
import io.popflow.model.MlpArchitecture;
import java.util.Arrays;
import java.util.List;
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
public record TableTaskSpec(Table table, int label, Target target, Missing missing, int[] hidden, Activation activation,
        double trainFraction, double validationFraction, FitnessMetric metric) implements GradientTaskSpec {

    /** What the label column is. */
    public enum Target { CLASSIFICATION, REGRESSION }

    /** What a missing feature value does. */
    public enum Missing { REFUSE, IMPUTE }

    /** The separator of a file's values. */
    public enum Delimiter { AUTO, COMMA, TAB, SEMICOLON }

    public static final Option<String> FILE = Option.path("table.file", null, "table: the CSV or TSV file to learn from");
    public static final Option<Delimiter> DELIMITER = Option.choice("table.delimiter", Delimiter.class, Delimiter.AUTO,
            "table: the separator; auto is tab for .tsv and .tab files, comma otherwise");
    public static final Option<Boolean> HEADER = Option.flag("table.header", true,
            "table: the first line names the columns (else column1, column2, ...)");
    public static final Option<String> LABEL = Option.text("table.label", null,
            "table: the label column, by name or by number from 1").defaultIs("the last column");
    public static final Option<Target> TARGET = Option.choice("table.target", Target.class, null,
            "table: classification or regression (required)");
    public static final Option<Missing> MISSING = Option.choice("table.missing", Missing.class, Missing.REFUSE,
            "table: a missing feature value (empty, NA or ?) is refused by file:line:column, or imputed with the "
                    + "training mean (a text column's: no category)");
    public static final Option<double[]> SPLIT = Option.numbers("table.split", new double[] {0.6, 0.2},
            "table: train and validation fractions; the rest is the test set")
            .check(s -> s.length == 2, "must be [train, validation] fractions");
    public static final Option<FitnessMetric> FITNESS = Option.choice("table.fitness", FitnessMetric.class,
            FitnessMetric.NEGATIVE_LOSS, "table: what fitness is made of (a regression's: negative_loss, the "
                    + "validation MSE in standardised units)");

    public static final List<Option<?>> OPTIONS = List.of(FILE, DELIMITER, HEADER, LABEL, TARGET, MISSING, SPLIT, FITNESS);

    public TableTaskSpec {
        hidden = ModelOptions.HIDDEN.require(hidden).clone();
        InvalidOptionException.require(trainFraction > 0 && validationFraction > 0 && trainFraction + validationFraction < 1,
                "table.split", "train and validation fractions must be > 0 and leave a test part, got "
                        + trainFraction + " and " + validationFraction);
        InvalidOptionException.require(table.columns().length >= 2, "table.file",
                table.source() + " has one column: there is nothing to learn the label from");
        String labelName = table.names()[label];
        if (target == Target.REGRESSION) {
            InvalidOptionException.require(table.columns()[label] instanceof Table.Numeric, "table.label",
                    "column '" + labelName + "' of " + table.source() + " holds text: a regression needs numbers");
            InvalidOptionException.require(metric == FitnessMetric.NEGATIVE_LOSS, "table.fitness",
                    "a regression has no accuracy: use negative_loss");
        }
        for (int r = 0; r < table.rows(); r++) {
            if (table.columns()[label].isMissing(r)) {
                throw new InvalidOptionException("table.file", table.source() + ":" + table.lines()[r] + ":" + (label + 1)
                        + " (" + labelName + "): the label is missing; a row without its label cannot be learned from");
            }
        }
        if (missing == Missing.REFUSE) {
            for (int r = 0; r < table.rows(); r++) {
                for (int c = 0; c < table.columns().length; c++) {
                    if (table.columns()[c].isMissing(r)) {
                        throw new InvalidOptionException("table.file", table.source() + ":" + table.lines()[r] + ":"
                                + (c + 1) + " (" + table.names()[c] + "): missing value (table.missing: impute fills it "
                                + "with the training mean)");
                    }
                }
            }
        }
        if (target == Target.CLASSIFICATION) {
            String[] classes = classes(table, label);
            InvalidOptionException.require(classes.length >= 2, "table.label", "column '" + labelName + "' of "
                    + table.source() + " holds one class ('" + classes[0] + "'): there is nothing to tell apart");
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

    @Override
    public Task create(long runSeed) {
        return new TableTask(this, runSeed);
    }

    /** The network for {@code inputs} encoded inputs. */
    MlpArchitecture architecture(int inputs) {
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
        return o instanceof TableTaskSpec t && t.table.source().equals(table.source()) && label == t.label
                && target == t.target && missing == t.missing && Arrays.equals(hidden, t.hidden)
                && activation == t.activation && trainFraction == t.trainFraction
                && validationFraction == t.validationFraction && metric == t.metric;
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
