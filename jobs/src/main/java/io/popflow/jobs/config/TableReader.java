package io.popflow.jobs.config;

import io.popflow.data.Table;
import io.popflow.data.TableParser;
import io.popflow.jobs.run.IoErrors;
import io.popflow.model.Activation;
import io.popflow.option.InvalidOptionException;
import io.popflow.task.FitnessMetric;
import io.popflow.task.ModelOptions;
import io.popflow.task.TableTaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads {@code task: table}: a user's CSV or TSV file, read and checked now, so that any problem is
 * one line before a job starts. Here rather than beside {@link TableTaskSpec} because it reads a file.
 */
final class TableReader {
    private TableReader() {}

    /** {@code table: {file, delimiter, header, label, target, split, missing, fitness}} and {@code model}. */
    static TableTaskSpec read(OptionTree run) {
        OptionTree model = run.child("model");
        OptionTree t = run.child("table");
        TableFile read = readFile(t);
        TableTaskSpec.Target target = t.get(TableTaskSpec.TARGET);
        InvalidOptionException.require(target != null, "table.target", "must be set: classification or regression");
        double[] split = t.get(TableTaskSpec.SPLIT);
        TableTaskSpec.Missing missing = t.get(TableTaskSpec.MISSING);
        FitnessMetric metric = t.get(TableTaskSpec.FITNESS);
        int[] hidden = model.get(ModelOptions.HIDDEN);
        Activation activation = model.get(ModelOptions.ACTIVATION);
        model.rejectUnknown();
        t.rejectUnknown();
        return new TableTaskSpec(
                read.table(), read.label(), target, missing, hidden, activation, split[0], split[1], metric);
    }

    /** A table as the configuration reads it, and its label column. */
    record TableFile(Table table, int label) {}

    /** The file of {@code table.file}, read with {@code table.delimiter} and {@code table.header}, and its label. */
    static TableFile readFile(OptionTree t) {
        String file = t.get(TableTaskSpec.FILE);
        InvalidOptionException.require(file != null && !file.isBlank(), "table.file", "must name a CSV or TSV file");
        Path path = Paths.get(file);
        InvalidOptionException.require(Files.isRegularFile(path), "table.file", "no file " + path.toAbsolutePath());
        Table table;
        try {
            table = TableParser.read(path, t.get(TableTaskSpec.DELIMITER), t.get(TableTaskSpec.HEADER));
        } catch (TableParser.BadTableException e) {
            throw new InvalidOptionException("table.file", e.getMessage());
        } catch (IOException e) {
            throw new InvalidOptionException("table.file", "cannot read " + path + ": " + IoErrors.reason(e));
        }
        // before the label is looked up: a file read with the wrong separator has one column
        TableTaskSpec.requireColumns(table);
        String label = t.get(TableTaskSpec.LABEL);
        int index = label == null ? table.names().length - 1 : table.indexOf(label);
        if (index < 0 && label.matches("[0-9]+")) {
            int number = Integer.parseInt(label);
            index = number >= 1 && number <= table.names().length ? number - 1 : -1;
        }
        InvalidOptionException.require(
                index >= 0,
                "table.label",
                "no column '" + label + "' in " + file + " (columns: " + String.join(", ", table.names())
                        + "; or a number from 1 to " + table.names().length + ")");
        return new TableFile(table, index);
    }
}
