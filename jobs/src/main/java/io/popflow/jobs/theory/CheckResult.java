package io.popflow.jobs.theory;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One row of the theory table.
 *
 * @param name what is checked
 * @param expected the closed-form (or reference) value
 * @param measured the value measured on the pipeline or the solver
 * @param tolerance the largest accepted |measured − expected|, from the sampling error
 * @param pass whether |measured − expected| ≤ tolerance (or the check's own criterion)
 * @param note how the tolerance was derived, or what the numbers mean
 * @param points data behind the row (e.g. the W₁ points of a slope fit), or null
 * @param gating whether the row is a check of the implementation against theory (its failure fails
 *     the command), as opposed to a measured comparison whose outcome is a finding
 */
public record CheckResult(
        String name,
        double expected,
        double measured,
        double tolerance,
        boolean pass,
        String note,
        ArrayNode points,
        boolean gating) {

    /** A check that passes when measured is within tolerance of expected. */
    public static CheckResult within(String name, double expected, double measured, double tolerance, String note) {
        return new CheckResult(
                name, expected, measured, tolerance, Math.abs(measured - expected) <= tolerance, note, null, true);
    }

    /** A check with its own pass criterion and data points. */
    public static CheckResult check(
            String name,
            double expected,
            double measured,
            double tolerance,
            boolean pass,
            String note,
            ArrayNode points) {
        return new CheckResult(name, expected, measured, tolerance, pass, note, points, true);
    }

    /** A measured comparison: {@code pass} says whether the hypothesis held, and nothing fails on it. */
    public static CheckResult comparison(
            String name, double reference, double measured, boolean pass, String note, ArrayNode points) {
        return new CheckResult(name, reference, measured, 0, pass, note, points, false);
    }
}
