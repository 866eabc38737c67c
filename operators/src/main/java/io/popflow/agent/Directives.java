package io.popflow.agent;

import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the slow dynamics' decisions into commands for the agents. */
public final class Directives {
    private Directives() {}

    /**
     * One directive per agent of {@code table}, in ascending agent id: recipients are told whom to
     * copy and which h to take, donors whom to send their weights to, mutated agents their new h,
     * everyone else to go on; all of them the merge target, if any.
     */
    public static List<AgentCommand> of(FitnessTable table, PopulationStep.Decision decision) {
        Map<Integer, Exploitation> byRecipient = new TreeMap<>();
        Map<Integer, List<Integer>> recipientsByDonor = new TreeMap<>();
        for (Exploitation e : decision.changes()) {
            byRecipient.put(e.recipient(), e);
            if (e.isCopy()) {
                recipientsByDonor.computeIfAbsent(e.donor(), d -> new ArrayList<>()).add(e.recipient());
            }
        }
        int g = table.generation();
        List<AgentCommand> commands = new ArrayList<>(table.size());
        for (int agent : table.agents()) {
            Exploitation e = byRecipient.get(agent);
            int[] sendTo = recipientsByDonor.getOrDefault(agent, List.of()).stream().mapToInt(Integer::intValue).toArray();
            int copyFrom = e != null && e.isCopy() ? e.donor() : -1;
            commands.add(AgentCommand.directive(agent, new Directive(g, copyFrom, e != null && e.isReset(),
                    e == null ? null : e.newH(), sendTo, false, false, decision.mergeTarget(), decision.mergeStrength())));
        }
        return commands;
    }

    /**
     * Asynchronous mode: the reporting agent's directive for {@code generation}, and, if it copies a
     * donor, the request that makes the donor send the weights of its last report.
     */
    public static List<AgentCommand> forOne(int agent, int generation, Exploitation e) {
        if (e == null) {
            return List.of(AgentCommand.directive(agent, Directive.keep(generation)));
        }
        Directive d = new Directive(generation, e.isCopy() ? e.donor() : -1, e.isReset(), e.newH(), new int[0], false,
                false, null, 0);
        return e.isCopy()
                ? List.of(AgentCommand.directive(agent, d), AgentCommand.request(e.donor(), new WeightRequest(agent, generation)))
                : List.of(AgentCommand.directive(agent, d));
    }

    /** The last generation's directives: everyone stops; the best agent also measures its test performance. */
    public static List<AgentCommand> stop(FitnessTable table) {
        int best = table.agents()[table.best()];
        List<AgentCommand> commands = new ArrayList<>(table.size());
        for (int agent : table.agents()) {
            commands.add(AgentCommand.directive(agent, Directive.stop(table.generation(), agent == best)));
        }
        return commands;
    }
}
