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
 * @param emittedMicros wall-clock time (µs since the epoch) the slow dynamics emitted the decision
 *     this command belongs to; 0 if not stamped. Used only to measure feedback latency.
 */
public record AgentCommand(
        int agent, int route, Seed seed, Directive directive, WeightTransfer transfer, WeightRequest request, long emittedMicros) {

    public static AgentCommand seed(int agent, Seed seed) {
        return new AgentCommand(agent, agent, seed, null, null, null, 0);
    }

    public static AgentCommand directive(int agent, Directive directive) {
        return new AgentCommand(agent, agent, null, directive, null, null, 0);
    }

    public static AgentCommand transfer(int recipient, WeightTransfer transfer) {
        return new AgentCommand(recipient, recipient, null, null, transfer, null, 0);
    }

    public static AgentCommand request(int donor, WeightRequest request) {
        return new AgentCommand(donor, donor, null, null, null, request, 0);
    }

    /** Marks the end of the run on feedback channel {@code channel}. */
    public static AgentCommand endOfRun(int channel) {
        return new AgentCommand(-1, channel, null, null, null, null, 0);
    }

    /** This command stamped with its decision's emission time. */
    public AgentCommand emittedAt(long micros) {
        return new AgentCommand(agent, route, seed, directive, transfer, request, micros);
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
