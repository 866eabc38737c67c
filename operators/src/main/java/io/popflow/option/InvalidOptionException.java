package io.popflow.option;

/**
 * A configuration value that cannot be used. The message is one line naming the option, so that a
 * command line can print it as is and exit before any job starts.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidOptionException(String option, String problem) {
        super("invalid option '" + option + "': " + problem);
        this.option = option;
    }

    /** The option's path in the configuration, e.g. {@code hyperparam_mutations.lr.max}. */
    public String option() {
        return option;
    }

    /** Throws unless {@code condition} holds. */
    public static void require(boolean condition, String option, String problem) {
        if (!condition) {
            throw new InvalidOptionException(option, problem);
        }
    }
}
