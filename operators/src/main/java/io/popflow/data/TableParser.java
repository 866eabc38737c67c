package io.popflow.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited text (RFC 4180, by Apache Commons CSV: quoted values may hold the delimiter, an
 * escaped quote {@code ""} or a line break; CRLF or LF; a UTF-8 byte-order mark is dropped) into a
 * {@link Table}, refusing what it cannot read with one message that names the file, the line (where
 * the record starts) and the column: an empty file, a quoted value left open, a row with another
 * number of values than the header, a value that is not a finite number in a numeric column.
 * Values are trimmed (but for the inside of quotes); an empty value, {@code NA} or {@code ?} is
 * missing. The same reading serves one record of a stream ({@link #values}).
 */
public final class TableParser {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** The formats of stream records, made once (a record is read in microseconds). */
    private static final CSVFormat COMMA = formatOf(',');

    private static final CSVFormat TAB = formatOf('\t');

    private TableParser() {}

    /** A file popflow cannot read, with the reason. */
    public static final class BadTableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadTableException(String message) {
            super(message);
        }
    }

    /**
     * @param delimiter the separator; {@code AUTO} takes the one of comma, semicolon and tab that
     *     the first non-blank line uses most (outside quotes), and if it uses none, tab for a
     *     {@code .tsv} or {@code .tab} file and comma otherwise
     * @param header whether the first non-blank line names the columns
     */
    public static Table read(Path file, Delimiter delimiter, boolean header) throws IOException {
        String text = text(file);
        char separator = delimiter == Delimiter.AUTO ? sniff(text, byExtension(file)) : delimiter.character();
        return parse(file.toString(), text, separator, header);
    }

    /**
     * @param delimiter the separator: ',', '\t' or ';'
     * @param header whether the first non-blank line names the columns
     */
    public static Table read(Path file, char delimiter, boolean header) throws IOException {
        return parse(file.toString(), text(file), delimiter, header);
    }

    /**
     * The values of one record (a stream's line, a Kafka value), read as a table's row is: quotes
     * removed, values trimmed, a byte-order mark dropped; a trailing line break is no second record.
     *
     * @throws BadTableException naming what is wrong, without a source (the caller has one)
     */
    public static String[] values(String record, char delimiter) {
        String text = withoutByteOrderMark(record);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return new String[] {""};
            }
            String[] values = records.next().values();
            if (records.hasNext()) {
                throw new BadTableException("more than one line (a line break outside quotes)");
            }
            return values;
        } catch (UncheckedIOException | IOException e) {
            throw new BadTableException(reason(e));
        }
    }

    /** The file's text (UTF-8), without a byte-order mark. */
    private static String text(Path file) throws IOException {
        return withoutByteOrderMark(Files.readString(file));
    }

    private static String withoutByteOrderMark(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    private static char byExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : ',';
    }

    /**
     * Of comma, semicolon and tab, the one the first non-blank line holds most often outside quotes
     * ({@code fallback} on a tie that includes it, or if it holds none).
     */
    static char sniff(String text, char fallback) {
        int start = 0;
        // past blank lines (but not into the header: a tab there may be its first separator)
        for (int i = 0; i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0; i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                start = i + 1;
            }
        }
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                comma += c == ',' ? 1 : 0;
                semicolon += c == ';' ? 1 : 0;
                tab += c == '\t' ? 1 : 0;
            }
        }
        int most = Math.max(comma, Math.max(semicolon, tab));
        if (most == 0 || count(fallback, comma, semicolon, tab) == most) {
            return fallback;
        }
        return comma == most ? ',' : tab == most ? '\t' : ';';
    }

    private static int count(char c, int comma, int semicolon, int tab) {
        return c == ',' ? comma : c == ';' ? semicolon : c == '\t' ? tab : -1;
    }

    private static CSVFormat format(char delimiter) {
        return delimiter == ',' ? COMMA : delimiter == '\t' ? TAB : formatOf(delimiter);
    }

    private static CSVFormat formatOf(char delimiter) {
        // blank lines come through as one empty value, so that every record's line is counted
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    private static Table parse(String source, String text, char delimiter, boolean header) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] names = null;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format(delimiter))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // the record about to be read starts on the line after the last one read
                int line = (int) parser.getCurrentLineNumber() + 1;
                String[] cells;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    cells = records.next().values();
                } catch (UncheckedIOException e) {
                    throw new BadTableException(source + ":" + line + ": " + reason(e));
                }
                if (cells.length == 1 && cells[0].isEmpty()) {
                    continue;
                }
                if (names == null) {
                    names = header ? cells : defaultNames(cells.length);
                    if (header) {
                        continue;
                    }
                }
                if (cells.length != names.length) {
                    throw new BadTableException(source + ":" + line + ": " + cells.length + " values, where the "
                            + (header ? "header has " : "first row has ") + names.length);
                }
                rows.add(cells);
                lines.add(line);
            }
        }
        if (rows.isEmpty()) {
            throw new BadTableException(
                    source + " holds no rows" + (names != null && header ? " below its header" : ""));
        }
        int[] lineNumbers = lines.stream().mapToInt(Integer::intValue).toArray();
        Table.Column[] columns = new Table.Column[names.length];
        for (int c = 0; c < names.length; c++) {
            columns[c] = column(source, names[c], c, rows, lineNumbers);
        }
        return new Table(source, names, columns, lineNumbers);
    }

    /** Why Commons CSV could not read a record, in a user's words. */
    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value is not closed (no '\"' after its opening one)";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after a quoted value's closing '\"' (a '\"' inside quotes is written '\"\"')";
        }
        return "cannot read it: " + message;
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

    private static String[] defaultNames(int n) {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "column" + (i + 1);
        }
        return names;
    }
}
