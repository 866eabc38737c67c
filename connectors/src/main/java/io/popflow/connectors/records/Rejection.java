package io.popflow.connectors.records;

/** Why a training record was refused; the name (lower case) is what the dead-letter record says. */
public enum Rejection {
    /** No value at all. */
    EMPTY,
    /** Not UTF-8, not CSV or JSON of the declared shape, or a field that is not a number. */
    UNPARSEABLE,
    /** A number of features other than the declared one. */
    WRONG_WIDTH,
    /** A feature that is NaN or infinite. */
    NON_FINITE,
    /** A feature beyond the declared magnitude. */
    ABSURD_MAGNITUDE,
    /** A label that is not an integer in [0, classes). */
    BAD_LABEL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
