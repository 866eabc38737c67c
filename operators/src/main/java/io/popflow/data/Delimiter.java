package io.popflow.data;

/**
 * The separator of a table file's values: one of the three that files use, or {@code AUTO}, which
 * takes the one its header line uses (as Python's {@code csv.Sniffer} does, from one line).
 */
public enum Delimiter {
    AUTO(0),
    COMMA(','),
    TAB('\t'),
    SEMICOLON(';');

    private final char character;

    Delimiter(int character) {
        this.character = (char) character;
    }

    /** The separator character (none for {@code AUTO}). */
    public char character() {
        if (this == AUTO) {
            throw new IllegalStateException("auto is resolved from a file's header");
        }
        return character;
    }

    /** The delimiter written {@code c}, or null if it is none of the three. */
    static Delimiter of(char c) {
        for (Delimiter d : values()) {
            if (d != AUTO && d.character == c) {
                return d;
            }
        }
        return null;
    }

    /** Its option value, as a user writes it: {@code comma}, {@code tab}, {@code semicolon}. */
    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
