package io.popflow.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of the final best agent back to generation 0: whose weights it carried in each
 * generation. A copy at the end of generation g (a lineage event, recipient r, donor d) means that r's
 * weights in generation g + 1 were d's at the end of g; walking back from the winner, every such copy
 * into the agent being followed moves the line to its donor. A reset (donor null) ends it: the
 * weights before were thrown away.
 *
 * @param agents {@code agents[g]}: the agent whose weights and h the winner's line trained with in generation g
 * @param copies {@code copies[g]}: after generation g the line's weights were copied from {@code
 *     agents[g]} into {@code agents[g + 1]}, another agent
 * @param firstGeneration the first generation the line reaches (after the latest reset, or 0)
 */
record WinnerLineage(int[] agents, boolean[] copies, int firstGeneration) {

    static WinnerLineage trace(int winner, int lastGeneration, List<JsonNode> lineage) {
        Map<Long, JsonNode> byRecipient = new HashMap<>();
        for (JsonNode e : lineage) {
            byRecipient.put(key(e.get("generation").asInt(), e.get("recipient").asInt()), e);
        }
        int[] agents = new int[lastGeneration + 1];
        boolean[] copies = new boolean[lastGeneration + 1];
        int agent = winner;
        int first = 0;
        agents[lastGeneration] = agent;
        for (int g = lastGeneration - 1; g >= 0; g--) {
            JsonNode event = byRecipient.get(key(g, agent));
            if (event != null) {
                if (event.get("donor").isNull()) {
                    first = g + 1;
                    break;
                }
                int donor = event.get("donor").asInt();
                copies[g] = donor != agent;
                agent = donor;
            }
            agents[g] = agent;
        }
        return new WinnerLineage(agents, copies, first);
    }

    /** One agent's row of one generation, as a map key (lineage events here, agent reports in the report). */
    static long key(int generation, int agent) {
        return ((long) generation << 32) | (agent & 0xffffffffL);
    }
}
