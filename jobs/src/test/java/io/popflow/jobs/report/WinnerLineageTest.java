package io.popflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.popflow.slow.LineOfDescent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walking back from the winner: a copy into the followed agent moves the line to its donor; a reset ends it. */
class WinnerLineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void followsEveryCopyIntoTheLineAndIgnoresTheOthers() throws Exception {
        // after 0: 2 copies 1; after 1: 3 copies 2 (into the line), 0 copies 1 (not); after 3: 0 copies 3
        List<JsonNode> events = events("[0,2,1]", "[1,3,2]", "[1,0,1]", "[3,0,3]");
        LineOfDescent line = WinnerLineage.trace(0, 4, events);
        assertThat(line.agents()).containsExactly(1, 2, 3, 3, 0);
        assertThat(line.copies()).containsExactly(true, true, false, true, false);
        assertThat(line.firstGeneration()).isZero();
    }

    @Test
    void aResetEndsTheLine() throws Exception {
        LineOfDescent line = WinnerLineage.trace(5, 3, events("[0,5,4]", "[1,5,null]"));
        assertThat(line.firstGeneration()).isEqualTo(2);
        assertThat(line.agents()[2]).isEqualTo(5);
        assertThat(line.agents()[3]).isEqualTo(5);
    }

    /** Events as [generation, recipient, donor]. */
    private static List<JsonNode> events(String... triples) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String t : triples) {
            JsonNode a = JSON.readTree(t);
            out.add(JSON.createObjectNode()
                    .put("generation", a.get(0).asInt())
                    .put("recipient", a.get(1).asInt())
                    .set("donor", a.get(2)));
        }
        return out;
    }
}
