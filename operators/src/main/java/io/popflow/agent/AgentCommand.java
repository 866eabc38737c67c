package io.popflow.agent;

import io.popflow.data.LabeledExample;

/**
 * The one input type of the keyed agent operator: exactly one of seed, directive, transfer, request
 * and example is set. Also the record type of the feedback edge, which in addition carries
 * end-of-run markers.
 *
 * @param agent the addressed agent (the key), {@link #END_OF_RUN} for an end-of-run marker, or
 *     {@link #EXAMPLE} for a training example on its way to one trainer subtask
 * @param route where it goes: the agent id, a marker's feedback channel, or an example's subtask
 * @param seed creates the agent
 * @param directive the slow dynamics' decision for the agent
 * @param transfer a donor's weights for the agent
 * @param request asynchronous mode: another agent asks for the weights of this agent's last report
 * @param example a streamed training example for every agent of subtask {@code route}
 * @param emittedMicros wall-clock time (µs since the epoch) the slow dynamics emitted the decision
 *     this command belongs to; 0 if not stamped. Used only to measure feedback latency.
 */
public record AgentCommand(
        int agent, int route, Seed seed, Directive directive, WeightTransfer transfer, WeightRequest request,
        LabeledExample example, long emittedMicros) {

    public static final int END_OF_RUN = -1;
    public static final int EXAMPLE = -2;

    public static AgentCommand seed(int agent, Seed seed) {
        return new AgentCommand(agent, agent, seed, null, null, null, null, 0);
    }

    public static AgentCommand directive(int agent, Directive directive) {
        return new AgentCommand(agent, agent, null, directive, null, null, null, 0);
    }

    public static AgentCommand transfer(int recipient, WeightTransfer transfer) {
        return new AgentCommand(recipient, recipient, null, null, transfer, null, null, 0);
    }

    public static AgentCommand request(int donor, WeightRequest request) {
        return new AgentCommand(donor, donor, null, null, null, request, null, 0);
    }

    /** Marks the end of the run on feedback channel {@code channel}. */
    public static AgentCommand endOfRun(int channel) {
        return new AgentCommand(END_OF_RUN, channel, null, null, null, null, null, 0);
    }

    /** Delivers {@code example} to the agents of trainer subtask {@code subtask}. */
    public static AgentCommand example(int subtask, LabeledExample example) {
        return new AgentCommand(EXAMPLE, subtask, null, null, null, null, example, 0);
    }

    /** This command stamped with its decision's emission time. */
    public AgentCommand emittedAt(long micros) {
        return new AgentCommand(agent, route, seed, directive, transfer, request, example, micros);
    }

    public boolean isEndOfRun() {
        return agent == END_OF_RUN;
    }

    @Override
    public String toString() {
        String what = seed != null ? "seed" : directive != null ? "directive g" + directive.generation()
                : transfer != null ? "weights g" + transfer.generation() + " from " + transfer.donor()
                : request != null ? "request from " + request.recipient()
                : example != null ? "example for subtask " + route : "end-of-run";
        return "AgentCommand{agent=" + agent + ", " + what + '}';
    }
}
