package io.popflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The report's line for each kind of test summary.json holds, worked out by hand. */
class TestResultTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String of(String summary) throws Exception {
        return TestResultText.of(JSON.readTree(summary));
    }

    @Test
    void aClassificationSaysItsAccuracy() throws Exception {
        assertThat(of("{\"test\": {\"loss\": 0.061, \"accuracy\": 0.98611, \"rows\": 360, \"notice\": null}}"))
                .isEqualTo("test accuracy 98.6 % on 360 rows");
        assertThat(of("{\"test\": {\"loss\": 0.2, \"accuracy\": 0.9, \"rows\": 10, \"notice\": \"test part 10 rows, "
                        + "under 30: its accuracy moves in steps of 10.0%\"}}"))
                .isEqualTo(
                        "test accuracy 90.0 % on 10 rows (test part 10 rows, under 30: its accuracy moves in steps of 10.0%)");
    }

    /** The loss of a regression is its MSE in the target's units: RMSE = sqrt(2948.49) = 54.3. */
    @Test
    void aRegressionSaysItsErrorsInTheTargetsUnits() throws Exception {
        assertThat(of(
                        "{\"test\": {\"loss\": 2948.49, \"accuracy\": null, \"mae\": 43.07, \"r2\": 0.4912, \"rows\": 89, "
                                + "\"notice\": null}}"))
                .isEqualTo("test RMSE 54.3, MAE 43.1 (the target's units), R² 0.491 on 89 rows");
    }

    @Test
    void aControlTaskSaysItsGreedyReturn() throws Exception {
        assertThat(
                        of(
                                "{\"test\": {\"loss\": null, \"accuracy\": null, \"greedy_return\": 487.25}, \"test_episodes\": 20}"))
                .isEqualTo("test return 487.3 (greedy, mean of 20 episodes)");
    }

    @Test
    void anAnalyticTaskSaysItsLoss() throws Exception {
        assertThat(of("{\"test\": {\"loss\": 1.374512, \"accuracy\": null}}")).isEqualTo("test loss 1.3745");
    }

    @Test
    void aStreamAStoppedRunAndARunNotEnded() throws Exception {
        assertThat(of("{\"test\": {\"loss\": null, \"accuracy\": null}}"))
                .isEqualTo("no test measured (a stream has no fixed test set)");
        assertThat(
                        of(
                                "{\"test\": {\"loss\": 1.5, \"accuracy\": null}, \"stopped\": {\"savepoint\": \"/s\", \"generation\": 4}}"))
                .isEqualTo("test loss 1.5000, of the best agent when the run stopped at generation 4");
        assertThat(TestResultText.of(null)).isEqualTo("no final test yet: the run has not ended");
    }
}
