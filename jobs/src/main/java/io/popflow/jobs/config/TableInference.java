package io.popflow.jobs.config;

import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.task.TableTaskSpec;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code train --data FILE} learns, read off the file when {@code --target} is not given: a
 * text label, or one of at most {@value #MOST_CLASSES} distinct whole numbers, is a classification
 * (the numbers are class names, as digits are); any other numbers, a regression.
 *
 * @param target what the label is taken for
 * @param reason why, for the line that says it
 * @param line the file in one line: rows, features by kind, the label and what it is
 */
public record TableInference(TableTaskSpec.Target target, String reason, String line) {
    /** The most distinct whole numbers a label column may hold to be taken for classes. */
    public static final int MOST_CLASSES = 20;

    /** The inference for column {@code label} of {@code table}. */
    public static TableInference of(Table table, int label) {
        int numeric = 0;
        int text = 0;
        for (int c = 0; c < table.columns().length; c++) {
            if (c != label) {
                if (table.columns()[c] instanceof Table.Numeric) {
                    numeric++;
                } else {
                    text++;
                }
            }
        }
        Table.Column column = table.columns()[label];
        Set<String> classes = new TreeSet<>();
        boolean wholeNumbers = true;
        for (int r = 0; r < table.rows(); r++) {
            if (column.isMissing(r)) {
                continue;
            }
            classes.add(TableEncoding.labelText(table, label, r));
            if (column instanceof Table.Numeric n) {
                double v = n.values()[r];
                wholeNumbers &= v == Math.rint(v);
            }
        }
        TableTaskSpec.Target target;
        String reason;
        if (column instanceof Table.Text) {
            target = TableTaskSpec.Target.CLASSIFICATION;
            reason = "its label is text";
        } else if (wholeNumbers && classes.size() <= MOST_CLASSES) {
            target = TableTaskSpec.Target.CLASSIFICATION;
            reason = "its label holds " + classes.size() + " distinct whole numbers, at most " + MOST_CLASSES;
        } else {
            target = TableTaskSpec.Target.REGRESSION;
            reason = "its label holds "
                    + (wholeNumbers
                            ? classes.size() + " distinct whole numbers, more than " + MOST_CLASSES
                            : "numbers that are not all whole");
        }
        String line = String.format(
                        Locale.ROOT,
                        "table: %d rows, %d numeric and %d text features, label '%s': %s",
                        table.rows(),
                        numeric,
                        text,
                        table.names()[label],
                        target.name().toLowerCase(Locale.ROOT))
                + (target == TableTaskSpec.Target.CLASSIFICATION ? ", " + classes.size() + " classes" : "");
        return new TableInference(target, reason, line);
    }
}
