package io.popflow.agent;

/**
 * The one input type of the keyed agent operator: exactly one of seed, directive and transfer is
 * set. Also the record type of the feedback edge, which in addition carries end-of-run markers.
 *
 * @param agent the addressed agent (the key), or -1 for an end-of-run marker
 * @param route where the feedback edge sends it: the agent id, or a marker's channel
 * @param seed creates the agent
 * @param directive the slow dynamics' decision for the agent
 * @param transfer a donor's weights for the agent
 * @param request asynchronous mode: another agent asks for the weights of this agent's last report
 */
public record AgentCommand(int agent, int route, Seed seed, Directive directive, WeightTransfer transfer, WeightRequest request) {

    public static AgentCommand seed(int agent, Seed seed) {
        return new AgentCommand(agent, agent, seed, null, null, null);
    }

    public static AgentCommand directive(int agent, Directive directive) {
        return new AgentCommand(agent, agent, null, directive, null, null);
    }

    public static AgentCommand transfer(int recipient, WeightTransfer transfer) {
        return new AgentCommand(recipient, recipient, null, null, transfer, null);
    }

    public static AgentCommand request(int donor, WeightRequest request) {
        return new AgentCommand(donor, donor, null, null, null, request);
    }

    /** Marks the end of the run on feedback channel {@code channel}. */
    public static AgentCommand endOfRun(int channel) {
        return new AgentCommand(-1, channel, null, null, null, null);
    }

    public boolean isEndOfRun() {
        return agent < 0;
    }

    @Override
    public String toString() {
        String what = seed != null ? "seed" : directive != null ? "directive g" + directive.generation()
                : transfer != null ? "weights g" + transfer.generation() + " from " + transfer.donor()
                : request != null ? "request from " + request.recipient() : "end-of-run";
        return "AgentCommand{agent=" + agent + ", " + what + '}';
    }
}
