package io.popflow.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A run's file whose text is not what popflow writes there: a line or document that does not parse
 * as JSON, as a write cut short (a halted JVM, a full disk) or an edit by hand leaves it. Said in one
 * line that names the file, for the user to read as is: the parser's message alone names neither
 * the file nor which of its lines.
 */
public final class DamagedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private DamagedFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Line {@code line} (from 1) of the JSON Lines file {@code file} is not one JSON value. */
    static DamagedFileException atLine(Path file, long line, JsonProcessingException cause) {
        return new DamagedFileException(
                file + " is damaged: line " + line + " is not one JSON object (" + column(cause) + reason(cause)
                        + "); a write to it was cut short, or it was edited",
                cause);
    }

    /** {@code file} holds bytes that are not UTF-8 text. */
    static DamagedFileException notText(Path file) {
        return new DamagedFileException(
                file + " is damaged: it holds bytes that are not UTF-8 text; a write to it was cut short, or it was "
                        + "edited",
                null);
    }

    /** The JSON file {@code file} is empty. */
    static DamagedFileException empty(Path file) {
        return new DamagedFileException(
                file + " is damaged: it is empty; a write to it was cut short, or it was emptied", null);
    }

    /** The JSON file {@code file} does not parse as one JSON document. */
    static DamagedFileException ofDocument(Path file, JsonProcessingException cause) {
        return new DamagedFileException(
                file + " is damaged: it is not one JSON document (" + reason(cause)
                        + "); a write to it was cut short, or it was edited",
                cause);
    }

    /** Where in the line the parser stopped, where it says. */
    private static String column(JsonProcessingException cause) {
        return cause.getLocation() == null || cause.getLocation().getColumnNr() < 1
                ? ""
                : "at column " + cause.getLocation().getColumnNr() + ": ";
    }

    /**
     * The parser's reason on one line: its own message without where (the file is named already,
     * and an object left open adds the place it opened, which says no more).
     */
    private static String reason(JsonProcessingException cause) {
        String message = cause.getOriginalMessage();
        int where = message.indexOf(" (start marker at");
        if (where >= 0) {
            message = message.substring(0, where);
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
