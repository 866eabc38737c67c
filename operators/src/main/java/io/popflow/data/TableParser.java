package io.popflow.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a delimited text file into a {@link Table}, refusing what it cannot read with one message
 * that names the file, the line and the column: an empty file, a row with another number of values
 * than the header, a value that is not a finite number in a numeric column. Cells are trimmed; an
 * empty cell, {@code NA} or {@code ?} is missing. Quoting is not supported: a delimiter inside a
 * value makes the row ragged, and is reported as such.
 */
public final class TableParser {
    private TableParser() {}

    /** A file popflow cannot read, with the reason. */
    public static final class BadTableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadTableException(String message) {
            super(message);
        }
    }

    /**
     * @param delimiter the separator: ',' or '\t'
     * @param header whether the first non-empty line names the columns
     */
    public static Table read(Path file, char delimiter, boolean header) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] names = null;
        String source = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, delimiter);
                if (names == null) {
                    names = header ? trimmed(cells) : defaultNames(cells.length);
                    if (header) {
                        continue;
                    }
                }
                if (cells.length != names.length) {
                    throw new BadTableException(source + ":" + lineNo + ": " + cells.length + " values, where the "
                            + (header ? "header has " : "first row has ") + names.length);
                }
                rows.add(trimmed(cells));
                lines.add(lineNo);
            }
        }
        if (rows.isEmpty()) {
            throw new BadTableException(source + " holds no rows" + (names != null && header ? " below its header" : ""));
        }
        int[] lineNumbers = lines.stream().mapToInt(Integer::intValue).toArray();
        Table.Column[] columns = new Table.Column[names.length];
        for (int c = 0; c < names.length; c++) {
            columns[c] = column(source, names[c], c, rows, lineNumbers);
        }
        return new Table(source, names, columns, lineNumbers);
    }

    private static Table.Column column(String source, String name, int c, List<String[]> rows, int[] lines) {
        int first = -1;
        for (int r = 0; r < rows.size() && first < 0; r++) {
            if (!missing(rows.get(r)[c])) {
                first = r;
            }
        }
        if (first >= 0 && number(rows.get(first)[c]) == null) {
            String[] text = new String[rows.size()];
            for (int r = 0; r < text.length; r++) {
                text[r] = missing(rows.get(r)[c]) ? null : rows.get(r)[c];
            }
            return new Table.Text(text);
        }
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            String cell = rows.get(r)[c];
            if (missing(cell)) {
                values[r] = Double.NaN;
                continue;
            }
            Double v = number(cell);
            String at = source + ":" + lines[r] + ":" + (c + 1) + " (" + name + ")";
            if (v == null) {
                throw new BadTableException(at + ": '" + cell + "' is not a number, and the column is numeric (its "
                        + "first value is " + rows.get(first)[c] + ")");
            }
            if (!Double.isFinite(v)) {
                throw new BadTableException(at + ": '" + cell + "' is not a finite number");
            }
            values[r] = v;
        }
        return new Table.Numeric(values);
    }

    static boolean missing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("?");
    }

    /** The number {@code cell} writes (infinities and NaN included, to be refused by name), or null. */
    private static Double number(String cell) {
        String lower = cell.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("+inf") || lower.equals("infinity") || lower.equals("+infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-inf") || lower.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String[] split(String line, char delimiter) {
        return line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    }

    private static String[] trimmed(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].trim();
        }
        return out;
    }

    private static String[] defaultNames(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "column" + (i + 1);
        }
        return names;
    }
}
