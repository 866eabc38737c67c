package io.popflow.jobs.serving;

import io.popflow.data.Table;
import io.popflow.data.TableEncoding;
import io.popflow.jobs.config.NameSuggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A table (read by the table task's own reader) matched to a model's columns by name: the file must
 * hold every column the model reads and no other, but for the model's label column, which it may
 * hold (to measure the predictions against). Refusals name the file, and for a value its line and
 * column as the table task does ({@code data.csv:7:3 (colour)}).
 */
public final class TableInput {
    /** Rows per scoring call: a batch of them is a few hundred kilobytes of tensors. */
    static final int CHUNK = 4096;
    /** Up to this many columns, a refusal lists the model's columns. */
    private static final int LISTED = 12;

    private final Table table;
    private final ModelMetadata model;
    /** The file's column of each model column. */
    private final int[] fileColumn;
    /** The file's label column, or -1. */
    private final int label;

    private TableInput(Table table, ModelMetadata model, int[] fileColumn, int label) {
        this.table = table;
        this.model = model;
        this.fileColumn = fileColumn;
        this.label = label;
    }

    /** Matches {@code table}'s header to the model's columns, or refuses it naming the column. */
    public static TableInput match(Table table, ModelMetadata model) {
        String source = table.source();
        List<String> names = Arrays.asList(table.names());
        List<String> wanted = model.columnNames();
        String labelName = model.labelColumn();
        List<String> absent =
                new ArrayList<>(wanted.stream().filter(w -> !names.contains(w)).toList());
        List<String> strangers = names.stream()
                .filter(n -> !wanted.contains(n) && !n.equals(labelName))
                .toList();
        List<String> couldBe = new ArrayList<>(absent);
        if (labelName != null && !names.contains(labelName)) {
            couldBe.add(labelName);
        }
        for (String stranger : strangers) {
            List<String> close = NameSuggestions.closest(stranger, couldBe);
            if (!close.isEmpty()) {
                throw new RefusedInputException(source + ": column '" + stranger + "' is not one of the model's"
                        + NameSuggestions.didYouMean(close));
            }
        }
        if (!absent.isEmpty()) {
            throw new RefusedInputException(source + ": no column '" + absent.get(0) + "', which the model reads"
                    + (absent.size() > 1 ? " (nor " + (absent.size() - 1) + " more of its " + wanted.size() + ")" : "")
                    + headerHint(table, absent.size() == wanted.size(), wanted));
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new RefusedInputException(source + ": column '" + n + "' appears twice in the header");
            }
        }
        if (!strangers.isEmpty()) {
            throw new RefusedInputException(source + ": column '" + strangers.get(0) + "' is not one of the model's "
                    + "(it reads " + listed(wanted)
                    + (labelName == null ? "" : ", and '" + labelName + "' is its label")
                    + ")");
        }
        int[] fileColumn = wanted.stream().mapToInt(names::indexOf).toArray();
        return new TableInput(table, model, fileColumn, labelName == null ? -1 : names.indexOf(labelName));
    }

    private static String listed(List<String> names) {
        return names.size() <= LISTED
                ? String.join(", ", names)
                : names.size() + " columns, " + names.get(0) + " to " + names.get(names.size() - 1);
    }

    /** Why none of the model's columns is there, when a header read or not read explains it. */
    private static String headerHint(Table table, boolean noneThere, List<String> wanted) {
        if (!noneThere) {
            return "";
        }
        if (table.names().length > 0 && table.names()[0].equals("column1") && !wanted.contains("column1")) {
            return "; the file was read without a header (--no-header), so its columns are column1 to column"
                    + table.names().length;
        }
        if (wanted.get(0).equals("column1")) {
            return "; the model's columns are named as a file without a header's are: add --no-header";
        }
        return "";
    }

    public int rows() {
        return table.rows();
    }

    /** The file's line of row {@code row}. */
    public int line(int row) {
        return table.lines()[row];
    }

    /** Whether the file holds the model's label (target) column. */
    public boolean hasLabel() {
        return label >= 0;
    }

    /** Row {@code row}'s label as text, as the run's classes write it; null where missing. */
    public String labelText(int row) {
        return table.columns()[label].isMissing(row) ? null : TableEncoding.labelText(table, label, row);
    }

    /** Row {@code row}'s target value (NaN where missing or not a number). */
    public double target(int row) {
        return table.columns()[label] instanceof Table.Numeric n ? n.values()[row] : Double.NaN;
    }

    /**
     * Every row, in batches of at most {@link #CHUNK}: all of them checked before the first is
     * scored, so that a refusal comes before any output.
     */
    public List<InputBatch> batches(ScoringModel scoring, boolean ignoreUnknown) {
        InputBatch.Where where = (row, column) -> {
            int c = fileColumn[column];
            return table.source() + ":" + table.lines()[row] + ":" + (c + 1) + " (" + table.names()[c] + ")";
        };
        List<InputBatch> batches = new ArrayList<>();
        for (int start = 0; start < rows(); start += CHUNK) {
            int first = start;
            int n = Math.min(CHUNK, rows() - start);
            InputBatch batch = scoring.batch(n, ignoreUnknown);
            for (int column = 0; column < fileColumn.length; column++) {
                fill(batch, first, column, where);
            }
            batches.add(batch);
        }
        return batches;
    }

    private void fill(InputBatch batch, int first, int column, InputBatch.Where where) {
        ModelMetadata.Column wanted = model.columns().get(column);
        Table.Column values = table.columns()[fileColumn[column]];
        InputBatch.Where shifted = (row, c) -> where.at(first + row, c);
        IntStream.range(0, batch.rows()).forEach(i -> {
            int r = first + i;
            if (wanted.isText()) {
                batch.text(
                        i,
                        column,
                        values.isMissing(r) ? null : TableEncoding.labelText(table, fileColumn[column], r),
                        shifted);
            } else if (values instanceof Table.Numeric n) {
                batch.number(i, column, n.values()[r], shifted);
            } else if (values.isMissing(r)) {
                batch.number(i, column, Double.NaN, shifted);
            } else {
                throw new RefusedInputException(where.at(r, column) + ": '" + ((Table.Text) values).values()[r]
                        + "' is not a number, and the model's column is numeric");
            }
        });
    }
}
