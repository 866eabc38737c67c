package io.popflow.agent;

import io.popflow.slow.Exploitation;
import io.popflow.slow.FitnessTable;
import io.popflow.slow.PopulationStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the slow dynamics decided for one generation, in the compact form the selection operator
 * keeps in its state: the agents, only the changes, and the merge target. The directives (one per
 * agent) are derived from it, so after a restore it resends exactly what it sent.
 *
 * @param generation the generation the decision closes
 * @param agents every agent of the generation, ascending
 * @param changes the agents whose weights or h change
 * @param mergeTarget weights everyone is pulled toward, or null
 * @param mergeStrength γ of that pull
 * @param stopBest for the last generation: the best agent, which measures its test performance; -1 otherwise
 * @param emittedMicros when the decision was emitted (µs since the epoch), 0 before
 */
public record GenerationDecision(
        int generation,
        int[] agents,
        Exploitation[] changes,
        float[] mergeTarget,
        double mergeStrength,
        int stopBest,
        long emittedMicros) {

    private static final int[] NONE = new int[0];
    private static final String[] NO_OPERATIONS = new String[0];

    /**
     * The step's decision for {@code table}, without the mutations' descriptions (they go to the
     * lineage output, and directives do not need them).
     */
    public static GenerationDecision of(FitnessTable table, PopulationStep.Decision decision) {
        Exploitation[] changes = decision.changes().stream()
                .map(e -> new Exploitation(e.recipient(), e.donor(), e.oldH(), e.newH(), NO_OPERATIONS))
                .toArray(Exploitation[]::new);
        return new GenerationDecision(
                table.generation(), table.agents(), changes, decision.mergeTarget(), decision.mergeStrength(), -1, 0);
    }

    /** The last generation: everyone stops; the best agent of {@code table} measures its test performance. */
    public static GenerationDecision stop(FitnessTable table) {
        return new GenerationDecision(
                table.generation(), table.agents(), new Exploitation[0], null, 0, table.agents()[table.best()], 0);
    }

    public boolean isStop() {
        return stopBest >= 0;
    }

    public GenerationDecision emittedAt(long micros) {
        return new GenerationDecision(generation, agents, changes, mergeTarget, mergeStrength, stopBest, micros);
    }

    /**
     * One directive per agent, in ascending agent id: recipients are told whom to copy and which h to
     * take, donors whom to send their weights to, mutated agents their new h, everyone else to go
     * on; all of them the merge target, if any. A stop tells everyone to stop.
     */
    public List<AgentCommand.Decide> directives() {
        List<AgentCommand.Decide> commands = new ArrayList<>(agents.length);
        if (isStop()) {
            for (int agent : agents) {
                commands.add(AgentCommand.directive(agent, Directive.stop(generation, agent == stopBest))
                        .emittedAt(emittedMicros));
            }
            return commands;
        }
        Map<Integer, Exploitation> byRecipient = new TreeMap<>();
        Map<Integer, List<Integer>> recipientsByDonor = new TreeMap<>();
        for (Exploitation e : changes) {
            byRecipient.put(e.recipient(), e);
            if (e.isCopy()) {
                recipientsByDonor
                        .computeIfAbsent(e.donor(), d -> new ArrayList<>())
                        .add(e.recipient());
            }
        }
        for (int agent : agents) {
            Exploitation e = byRecipient.get(agent);
            List<Integer> recipients = recipientsByDonor.get(agent);
            int[] sendTo = recipients == null
                    ? NONE
                    : recipients.stream().mapToInt(Integer::intValue).toArray();
            Directive.Merge merge =
                    mergeTarget == null ? Directive.Merge.NONE : new Directive.Merge(mergeTarget, mergeStrength);
            Directive d = new Directive(generation, sendTo, merge, Directives.action(e));
            commands.add(AgentCommand.directive(agent, d).emittedAt(emittedMicros));
        }
        return commands;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationDecision d
                && generation == d.generation
                && Arrays.equals(agents, d.agents)
                && Arrays.equals(changes, d.changes)
                && Arrays.equals(mergeTarget, d.mergeTarget)
                && mergeStrength == d.mergeStrength
                && stopBest == d.stopBest
                && emittedMicros == d.emittedMicros;
    }

    @Override
    public int hashCode() {
        return generation * 31 + Arrays.hashCode(agents);
    }
}
