package io.popflow.agent;

import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the slow dynamics' decisions for a generation into one directive per agent. */
public final class Directives {
    private Directives() {}

    /**
     * One command per agent of {@code table}, in ascending agent id: recipients are told whom to
     * copy and which h to take, donors whom to send their weights to, everyone else to go on.
     */
    public static List<AgentCommand> of(FitnessTable table, List<Exploitation> decisions) {
        Map<Integer, Exploitation> byRecipient = new TreeMap<>();
        Map<Integer, List<Integer>> recipientsByDonor = new TreeMap<>();
        for (Exploitation e : decisions) {
            byRecipient.put(e.recipient(), e);
            if (!e.isReset()) {
                recipientsByDonor.computeIfAbsent(e.donor(), d -> new ArrayList<>()).add(e.recipient());
            }
        }
        int g = table.generation();
        List<AgentCommand> commands = new ArrayList<>(table.size());
        for (int agent : table.agents()) {
            Exploitation e = byRecipient.get(agent);
            int[] sendTo = recipientsByDonor.getOrDefault(agent, List.of()).stream().mapToInt(Integer::intValue).toArray();
            Directive d = e == null
                    ? new Directive(g, -1, false, null, sendTo, false, false)
                    : new Directive(g, e.isReset() ? -1 : e.donor(), e.isReset(), e.newH(), sendTo, false, false);
            commands.add(AgentCommand.directive(agent, d));
        }
        return commands;
    }

    /** The last generation's directives: everyone stops; the best agent also measures its test performance. */
    public static List<AgentCommand> stop(FitnessTable table) {
        int best = table.agents()[table.best()];
        List<AgentCommand> commands = new ArrayList<>(table.size());
        for (int agent : table.agents()) {
            commands.add(AgentCommand.directive(agent,
                    new Directive(table.generation(), -1, false, null, new int[0], true, agent == best)));
        }
        return commands;
    }
}
