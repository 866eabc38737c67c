package io.popflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The console's run-length schedule, against lines worked out by hand from summary.json entries. */
class CompactScheduleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String H1 = "{\"lr\":0.0024,\"weight_decay\":4.3e-05,\"batch_size\":64}";
    private static final String H2 = "{\"lr\":0.00288,\"weight_decay\":4.3e-05,\"batch_size\":64}";
    private static final String H3 = "{\"lr\":0.002304,\"weight_decay\":4.3e-05,\"batch_size\":32}";

    /**
     * Agent 3 trains the weights for generations 0-2; agent 5 copies them with lr * 1.2 for 3-4;
     * agent 1 copies agent 5's without a change of h in 5, then mutates alone in 6 (its own donor).
     */
    private static JsonNode schedule() throws Exception {
        return JSON.readTree("["
                + "{\"generation\":0,\"agent\":3,\"hyperparameters\":" + H1 + ",\"fitness\":0.1},"
                + "{\"generation\":1,\"agent\":3,\"hyperparameters\":" + H1 + ",\"fitness\":0.2},"
                + "{\"generation\":2,\"agent\":3,\"hyperparameters\":" + H1 + ",\"fitness\":0.3},"
                + "{\"generation\":3,\"agent\":5,\"hyperparameters\":" + H2 + ",\"fitness\":0.4,"
                + "\"copied_from\":3,\"mutations\":[\"lr * 1.2\"]},"
                + "{\"generation\":4,\"agent\":5,\"hyperparameters\":" + H2 + ",\"fitness\":0.5},"
                + "{\"generation\":5,\"agent\":1,\"hyperparameters\":" + H2 + ",\"fitness\":0.6,"
                + "\"copied_from\":5,\"mutations\":[]},"
                + "{\"generation\":6,\"agent\":1,\"hyperparameters\":" + H3 + ",\"fitness\":0.7,"
                + "\"copied_from\":1,\"mutations\":[\"lr * 0.8\",\"batch_size shift left\"]}"
                + "]");
    }

    @Test
    void consecutiveGenerationsWithTheSameHShareALine() throws Exception {
        assertThat(CompactSchedule.lines(schedule()))
                .containsExactly(
                        "generations 0-2: lr=0.002400 weight_decay=4.300e-05 batch_size=64  (agent 3)",
                        "generations 3-5: lr=0.002880 weight_decay=4.300e-05 batch_size=64  (agent 5 <- copied from 3 "
                                + "[\"lr * 1.2\"]; from generation 5 agent 1 <- copied from 5 [])",
                        "generation 6: lr=0.002304 weight_decay=4.300e-05 batch_size=32  (agent 1 <- copied from 1 "
                                + "[\"lr * 0.8\",\"batch_size shift left\"])");
    }

    @Test
    void theConsoleShowsTheLastRunsAndCountsTheGenerationsBefore() throws Exception {
        assertThat(CompactSchedule.last(schedule(), 2))
                .containsExactly(
                        "... 3 earlier generations in summary.json",
                        "generations 3-5: lr=0.002880 weight_decay=4.300e-05 batch_size=64  (agent 5 <- copied from 3 "
                                + "[\"lr * 1.2\"]; from generation 5 agent 1 <- copied from 5 [])",
                        "generation 6: lr=0.002304 weight_decay=4.300e-05 batch_size=32  (agent 1 <- copied from 1 "
                                + "[\"lr * 0.8\",\"batch_size shift left\"])");
        assertThat(CompactSchedule.last(schedule(), 3)).isEqualTo(CompactSchedule.lines(schedule()));
    }

    /** A stopped asynchronous run's schedule may begin after generation 0; one unchanged h is one line. */
    @Test
    void aScheduleThatBeginsLaterWithOneH() throws Exception {
        JsonNode later = JSON.readTree("[{\"generation\":7,\"agent\":2,\"hyperparameters\":{\"lr\":0.1},\"fitness\":1},"
                + "{\"generation\":8,\"agent\":2,\"hyperparameters\":{\"lr\":0.1},\"fitness\":2}]");
        assertThat(CompactSchedule.lines(later)).containsExactly("generations 7-8: lr=0.1000  (agent 2)");
        assertThat(CompactSchedule.last(later, 0)).containsExactly("... 2 earlier generations in summary.json");
        assertThat(CompactSchedule.lines(JSON.createArrayNode())).isEmpty();
    }
}
