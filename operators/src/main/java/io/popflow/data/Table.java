package io.popflow.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A user's table as read from a CSV or TSV file: named columns, each numeric (missing cells NaN)
 * or text (missing cells null), in file order. A column is text when its first present value is
 * not a number; every present value of a numeric column is a finite number.
 *
 * @param source the file it was read from, for messages
 * @param names column names (from the header, or {@code column1}, {@code column2}, ...)
 * @param columns the columns, as many as names
 * @param lines the file's line number of each row, for messages
 */
public record Table(String source, String[] names, Column[] columns, int[] lines) implements Serializable {

    /** One column's values. */
    public sealed interface Column extends Serializable permits Numeric, Text {
        int size();

        boolean isMissing(int row);
    }

    /** Numbers; NaN where a cell is missing. */
    public record Numeric(double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return Double.isNaN(values[row]);
        }
    }

    /** Text; null where a cell is missing. */
    public record Text(String[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return values[row] == null;
        }
    }

    public int rows() {
        return lines.length;
    }

    /** Index of the column named {@code name}, or -1. */
    public int indexOf(String name) {
        return Arrays.asList(names).indexOf(name);
    }
}
