package io.popflow.slow;

import java.util.HashMap;
import java.util.Map;

/**
 * The line of one agent's weights back to where they began: whose weights it carried in each
 * generation. A copy at the end of generation g (a lineage event, recipient r, donor d) means that
 * r's weights in generation g + 1 were d's at the end of g; walking back from the end, every such
 * copy into the agent being followed moves the line to its donor. A reset ends it: the weights
 * before were thrown away.
 *
 * @param agents {@code agents[g]}: the agent whose weights and h the line trained with in generation
 *     g (meaningful from {@code firstGeneration} on)
 * @param copies {@code copies[g]}: after generation g the line's weights were copied from {@code
 *     agents[g]} into {@code agents[g + 1]}, another agent
 * @param firstGeneration the first generation the line reaches (after the latest reset, or 0)
 */
public record LineOfDescent(int[] agents, boolean[] copies, int firstGeneration) {

    /** The line of the weights {@code agent} holds at the end of {@code lastGeneration}, from a run's lineage events. */
    public static LineOfDescent trace(int agent, int lastGeneration, Iterable<LineageEvent> lineage) {
        Map<Long, LineageEvent> byRecipient = new HashMap<>();
        for (LineageEvent e : lineage) {
            byRecipient.put(key(e.generation(), e.recipient()), e);
        }
        int[] agents = new int[lastGeneration + 1];
        boolean[] copies = new boolean[lastGeneration + 1];
        int first = 0;
        agents[lastGeneration] = agent;
        for (int g = lastGeneration - 1; g >= 0; g--) {
            LineageEvent event = byRecipient.get(key(g, agent));
            if (event != null) {
                if (event.donor() == Exploitation.RESET) {
                    first = g + 1;
                    break;
                }
                copies[g] = event.donor() != agent;
                agent = event.donor();
            }
            agents[g] = agent;
        }
        return new LineOfDescent(agents, copies, first);
    }

    /** One agent's row of one generation, as a map key. */
    public static long key(int generation, int agent) {
        return ((long) generation << 32) | (agent & 0xffffffffL);
    }
}
