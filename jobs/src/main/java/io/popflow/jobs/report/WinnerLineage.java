package io.popflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.popflow.slow.Exploitation;
import io.popflow.slow.LineOfDescent;
import io.popflow.slow.LineageEvent;
import java.util.ArrayList;
import java.util.List;

/** The line of descent of a run's final best agent, from the run's {@code lineage.jsonl} records. */
public final class WinnerLineage {
    private WinnerLineage() {}

    /** The line of {@code winner}'s weights at the end of {@code lastGeneration}. */
    public static LineOfDescent trace(int winner, int lastGeneration, List<JsonNode> lineage) {
        List<LineageEvent> events = new ArrayList<>(lineage.size());
        for (JsonNode e : lineage) {
            JsonNode donor = e.get("donor");
            events.add(new LineageEvent(
                    e.get("generation").asInt(),
                    e.get("recipient").asInt(),
                    donor.isNull() ? Exploitation.RESET : donor.asInt(),
                    null,
                    null,
                    null));
        }
        return LineOfDescent.trace(winner, lastGeneration, events);
    }
}
