package io.popflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.jobs.run.Plural;
import java.util.Locale;

/**
 * The report's header line for a run's final test, from summary.json, in words a reader takes in
 * at a glance: a classification's accuracy, a regression's errors in the target's units, a control
 * task's greedy return, an analytic task's loss.
 */
public final class TestResultText {
    private TestResultText() {}

    /** The line for {@code summary} (summary.json's whole object), or for no summary at all (null). */
    public static String of(JsonNode summary) {
        if (summary == null) {
            return "no final test yet: the run has not ended";
        }
        JsonNode test = summary.path("test");
        String text;
        if (measured(test.get("greedy_return"))) {
            text = String.format(
                    Locale.ROOT,
                    "test return %.1f (greedy, mean of %s)",
                    test.get("greedy_return").asDouble(),
                    Plural.of(summary.path("test_episodes").asLong(), "episode"));
        } else if (measured(test.get("r2"))) {
            // the test loss of a regression is its mean squared error in the target's units
            text = String.format(
                    Locale.ROOT,
                    "test RMSE %.3g, MAE %.3g (the target's units), R² %.3f",
                    Math.sqrt(test.get("loss").asDouble()),
                    test.get("mae").asDouble(),
                    test.get("r2").asDouble());
        } else if (measured(test.get("accuracy"))) {
            text = String.format(
                    Locale.ROOT,
                    "test accuracy %.1f %%",
                    100 * test.get("accuracy").asDouble());
        } else if (measured(test.get("loss"))) {
            text = String.format(Locale.ROOT, "test loss %.5g", test.get("loss").asDouble());
        } else {
            text = "no test measured (a stream has no fixed test set)";
        }
        if (test.hasNonNull("rows")) {
            text += " on " + Plural.of(test.get("rows").asLong(), "row");
        }
        if (test.hasNonNull("notice")) {
            text += " (" + test.get("notice").asText() + ")";
        }
        if (summary.has("stopped")) {
            text += ", of the best agent when the run stopped at generation "
                    + summary.path("stopped").path("generation").asInt();
        }
        return text;
    }

    private static boolean measured(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.asDouble());
    }
}
