package io.popflow.jobs.serving;

/**
 * Input a model cannot take (a file or request whose columns or values do not fit it, a model file
 * that is not there or not a model): one line naming where and why, for a user to read as is.
 */
public final class RefusedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedInputException(String message) {
        super(message);
    }
}
