package io.popflow.agent;

import io.popflow.slow.Exploitation;
import java.util.List;

/** Directives from the slow dynamics' exploitations (synchronous generations use {@link GenerationDecision}). */
public final class Directives {
    private Directives() {}

    /** What an agent does after an exploitation {@code e} of it, or after none (null). */
    static Directive.Action action(Exploitation e) {
        if (e == null) {
            return new Directive.Keep();
        }
        if (e.isCopy()) {
            return new Directive.Copy(e.donor(), e.newH());
        }
        return e.isReset() ? new Directive.Reset(e.newH()) : new Directive.Mutate(e.newH());
    }

    /**
     * Asynchronous mode: the reporting agent's directive for {@code generation}, and, if it copies a
     * donor, the request that makes the donor send the weights of its last report.
     */
    public static List<AgentCommand> forOne(int agent, int generation, Exploitation e) {
        AgentCommand directive = AgentCommand.directive(agent, Directive.of(generation, action(e)));
        return e != null && e.isCopy()
                ? List.of(directive, AgentCommand.request(e.donor(), new WeightRequest(agent, generation)))
                : List.of(directive);
    }
}
