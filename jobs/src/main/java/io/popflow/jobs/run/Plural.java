package io.popflow.jobs.run;

/** A count and its noun, singular for one: {@code 1 generation}, {@code 20 generations}. */
public final class Plural {
    private Plural() {}

    /** {@code n} and {@code noun}, with an s unless n is 1. */
    public static String of(long n, String noun) {
        return of(n, noun, noun + "s");
    }

    /** {@code n} and {@code singular} or {@code plural}, for nouns that do not take an s. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
