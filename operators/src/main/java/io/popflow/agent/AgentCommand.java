package io.popflow.agent;

import io.popflow.data.LabeledExample;
import io.popflow.es.EsGeneration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one input type of the keyed agent operator, and the record type of the feedback edge: one of
 * seven kinds, each with what it carries and nothing else.
 *
 * <p>{@link #agent()} is the key (the addressed agent, or {@link #END_OF_RUN} / {@link #EXAMPLE} /
 * {@link #DISTRIBUTION}); {@link #route()} is where the record travels: the agent, a marker's
 * feedback channel, or the trainer subtask of an example or a distribution update. {@link #emittedMicros()} is the wall-clock time (µs since the epoch)
 * the slow dynamics emitted the decision a command belongs to, 0 if not stamped; it only measures
 * feedback latency.
 */
public sealed interface AgentCommand
        permits AgentCommand.Create,
                AgentCommand.Decide,
                AgentCommand.Transfer,
                AgentCommand.Request,
                AgentCommand.Example,
                AgentCommand.EndOfRun,
                AgentCommand.Distribution {

    int END_OF_RUN = -1;
    int EXAMPLE = -2;
    int DISTRIBUTION = -3;

    int agent();

    /** Where the record travels: the addressed agent, but for examples and end-of-run markers. */
    default int route() {
        return agent();
    }

    default long emittedMicros() {
        return 0;
    }

    /** This command stamped with its decision's emission time (kinds that carry no decision ignore it). */
    default AgentCommand emittedAt(long micros) {
        return this;
    }

    default boolean isEndOfRun() {
        return this instanceof EndOfRun;
    }

    /** Creates agent {@code agent} with its initial h. */
    record Create(int agent, InitialHyperparameters seed) implements AgentCommand {}

    /** The slow dynamics' decision for the agent. */
    record Decide(int agent, Directive directive, long emittedMicros) implements AgentCommand {
        @Override
        public Decide emittedAt(long micros) {
            return new Decide(agent, directive, micros);
        }
    }

    /** A donor's weights for the agent. */
    record Transfer(int agent, WeightTransfer transfer, long emittedMicros) implements AgentCommand {
        @Override
        public Transfer emittedAt(long micros) {
            return new Transfer(agent, transfer, micros);
        }
    }

    /** Asynchronous mode: another agent asks the addressed one for the weights of its last report. */
    record Request(int agent, WeightRequest request, long emittedMicros) implements AgentCommand {
        @Override
        public Request emittedAt(long micros) {
            return new Request(agent, request, micros);
        }
    }

    /** A streamed training example for every agent of trainer subtask {@code subtask}. */
    record Example(int subtask, LabeledExample example) implements AgentCommand {
        @Override
        public int agent() {
            return EXAMPLE;
        }

        @Override
        public int route() {
            return subtask;
        }
    }

    /** An evolution strategy's generation update for the distribution replica of trainer subtask {@code subtask}. */
    record Distribution(int subtask, EsGeneration update, long emittedMicros) implements AgentCommand {
        @Override
        public int agent() {
            return DISTRIBUTION;
        }

        @Override
        public int route() {
            return subtask;
        }

        @Override
        public Distribution emittedAt(long micros) {
            return new Distribution(subtask, update, micros);
        }
    }

    /** Marks the end of the run on feedback channel {@code channel}. */
    record EndOfRun(int channel) implements AgentCommand {
        @Override
        public int agent() {
            return END_OF_RUN;
        }

        @Override
        public int route() {
            return channel;
        }
    }

    static AgentCommand seed(int agent, InitialHyperparameters seed) {
        return new Create(agent, seed);
    }

    static Decide directive(int agent, Directive directive) {
        return new Decide(agent, directive, 0);
    }

    static AgentCommand transfer(int recipient, WeightTransfer transfer) {
        return new Transfer(recipient, transfer, 0);
    }

    static AgentCommand request(int donor, WeightRequest request) {
        return new Request(donor, request, 0);
    }

    static AgentCommand endOfRun(int channel) {
        return new EndOfRun(channel);
    }

    /**
     * One end-of-run marker for each of the {@code channels} feedback channels: every channel must
     * see one before the trainers' input can end, whichever slow operator stops the run.
     */
    static List<AgentCommand> endOfRunOnEveryChannel(int channels) {
        List<AgentCommand> markers = new ArrayList<>(channels);
        for (int channel = 0; channel < channels; channel++) {
            markers.add(endOfRun(channel));
        }
        return markers;
    }

    static AgentCommand example(int subtask, LabeledExample example) {
        return new Example(subtask, example);
    }
}
