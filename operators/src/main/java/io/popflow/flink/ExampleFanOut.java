package io.popflow.flink;

import io.popflow.agent.AgentCommand;
import io.popflow.data.LabeledExample;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One copy of each example per trainer subtask, as a command keyed to that subtask: every agent
 * sees every example, and the examples share the trainer's one input (and its checkpoint
 * alignment) with the agents' commands.
 */
public final class ExampleFanOut implements FlatMapFunction<LabeledExample, AgentCommand> {
    private static final long serialVersionUID = 1L;

    private final int subtasks;

    public ExampleFanOut(int subtasks) {
        this.subtasks = subtasks;
    }

    @Override
    public void flatMap(LabeledExample example, Collector<AgentCommand> out) {
        for (int s = 0; s < subtasks; s++) {
            out.collect(AgentCommand.example(s, example));
        }
    }
}
