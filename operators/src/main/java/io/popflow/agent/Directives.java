package io.popflow.agent;

import io.popflow.slow.Exploitation;
import java.util.List;

/** Asynchronous mode's commands for one agent (synchronous generations use {@link GenerationDecision}). */
public final class Directives {
    private Directives() {}

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
}
